import { Type, type Static } from '@sinclair/typebox';
import { defineSlots } from '../flow/step-api.js';

const Words = Type.String({ maxLength: 2000 });

/** A place resolved in the gazetteer, as a report keeps it. */
export const ResolvedPlace = Type.Object({
  kind: Type.Literal('resolved'),
  needsReview: Type.Literal(false),
  precision: Type.Union(['address', 'intersection', 'landmark', 'park', 'street', 'neighborhood'].map((p) => Type.Literal(p))),
  label: Type.String({ maxLength: 500 }),
  addressString: Type.String({ maxLength: 600 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  long: Type.Number({ minimum: -180, maximum: 180 }),
  neighborhood: Type.String({ maxLength: 200 }),
  councilDistrict: Type.String({ maxLength: 50 }),
  policeDistrict: Type.String({ maxLength: 50 }),
  detail: Type.Optional(Type.String({ maxLength: 500 })),
  words: Words,
  placeId: Type.Optional(Type.Integer()),
});

/** What a report keeps of its place: a resolved point, or the caller's words for a person to check. */
export const ReportLocation = Type.Union([
  ResolvedPlace,
  Type.Object({ kind: Type.Literal('caller-words'), words: Words, needsReview: Type.Literal(true) }),
]);
export type ReportLocation = Static<typeof ReportLocation>;

/** The location room's slots. */
export const locationSlots = defineSlots({
  /** Where the problem is, as the caller confirmed it (or their own words after two tries). */
  location: ReportLocation,
});

type LocationSlots = typeof locationSlots;
declare module '../flow/frame.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FrameSlots extends LocationSlots {}
}
