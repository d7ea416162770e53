import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

/**
 * What a call has learned, as one typed frame (Dialogflow CX's session parameters, Lex's slots).
 *
 * Each room declares the slots it owns with a schema (src/intake/slots.ts, src/location/slots.ts,
 * …) and adds their types to `FrameSlots` below by declaration merging; the handler map hands the
 * schemas to the engine at run time. Any step may fill any slot, and every slot read back from
 * jsonb or from the browser's try-it softphone is checked against its schema first.
 *
 * A step's scratch (the candidate it is confirming, the choices it offered) is not in the frame:
 * it belongs to the step, is checked against the step's own schema, and the engine clears it when
 * the step ends.
 */

/** Slot name → schema. Rooms augment this interface with their own slots. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FrameSlots extends CoreSlots {}

export type Frame = { -readonly [K in keyof FrameSlots]?: Static<FrameSlots[K]> };
/** A step's writes to the frame: `undefined` empties a slot. */
export type FramePatch = { [K in keyof Frame]?: Frame[K] | undefined };

export type Scratch = Record<string, unknown>;

/** Slots the engine itself writes. */
export const coreSlots = {
  /** How the call ended up (report, police, status, operator, emergency, goodbye…), for CityStat. */
  outcome: Type.String({ maxLength: 40 }),
  /** What kind of emergency the caller described, when they were told to dial 911. */
  emergencyKind: Type.String({ maxLength: 40 }),
  /** The key chosen at each menu, by the menu's step id. */
  menuChoices: Type.Record(Type.String({ maxLength: 48 }), Type.String({ maxLength: 1 })),
  /**
   * Slots filled from a free answer that the caller has not yet confirmed. A step that fills a
   * slot this way adds its name; a step that confirms it removes it; nothing is filed while any
   * remains (the confirm-report step asks about all of them in one question).
   */
  pending: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, uniqueItems: true }),
};
type CoreSlots = typeof coreSlots;

/** Declares a room's slots: a plain object of schemas, kept as declared for its types. */
export function defineSlots<T extends TProperties>(slots: T): T {
  return slots;
}

/** Where a call stands between two webhooks, as stored in call_sessions.data. */
export interface StoredCallData {
  frame: Frame;
  scratch: Scratch;
}

export interface FrameSchema {
  /** Checks each slot; what fails its schema is dropped and named. */
  read(value: unknown): { frame: Frame; dropped: string[] };
  /** Strict: every slot must be known and valid (the try-it softphone's state from the browser). */
  check(value: unknown): value is Frame;
  names: readonly string[];
}

/** Compiles the slots the rooms declared into the checks the engine runs on every read. */
export function compileFrame(slots: Record<keyof FrameSlots, TSchema>): FrameSchema {
  const checks = new Map<string, TypeCheck<TSchema>>(Object.entries(slots).map(([name, schema]) => [name, TypeCompiler.Compile(schema)]));
  const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  return {
    names: [...checks.keys()],
    read(value) {
      const frame: Record<string, unknown> = {};
      const dropped: string[] = [];
      if (!isRecord(value)) return { frame, dropped };
      for (const [name, slot] of Object.entries(value)) {
        const check = checks.get(name);
        if (check?.Check(slot)) frame[name] = slot;
        else dropped.push(name);
      }
      return { frame: frame as Frame, dropped };
    },
    check(value): value is Frame {
      return isRecord(value) && Object.entries(value).every(([name, slot]) => checks.get(name)?.Check(slot) ?? false);
    },
  };
}

/** A step's scratch schema, compiled once per handler. */
const scratchChecks = new WeakMap<TProperties, TypeCheck<TSchema>>();

/** The step's scratch if it matches the step's schema, else nothing: the step starts afresh. */
export function readScratch(schema: TProperties | undefined, value: unknown): Scratch | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!schema) return Object.keys(value).length ? undefined : {};
  let check = scratchChecks.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(Type.Partial(Type.Object(schema, { additionalProperties: false })));
    scratchChecks.set(schema, check);
  }
  return check.Check(value) ? (value as Scratch) : undefined;
}

/**
 * Reads call_sessions.data. Sessions saved before the frame existed kept one flat bag: their
 * known slots are kept, the rest (steps' scratch) is dropped, which restarts at most one question.
 */
export function readCallData(frameSchema: FrameSchema, data: unknown): StoredCallData & { dropped: string[] } {
  const stored = (data ?? {}) as Partial<StoredCallData> & Record<string, unknown>;
  if ('frame' in stored || 'scratch' in stored) {
    const { frame, dropped } = frameSchema.read(stored.frame);
    const scratch = stored.scratch && typeof stored.scratch === 'object' && !Array.isArray(stored.scratch) ? (stored.scratch as Scratch) : {};
    return { frame, scratch, dropped };
  }
  const legacy = Object.fromEntries(Object.entries(stored).filter(([name]) => frameSchema.names.includes(name)));
  const { frame, dropped } = frameSchema.read(legacy);
  return { frame, scratch: {}, dropped };
}

/** Applies a patch: `undefined` removes the key. */
export function applyPatch<T extends Record<string, unknown>>(target: T, patch: Record<string, unknown> | undefined): void {
  if (!patch) return;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete target[key];
    else (target as Record<string, unknown>)[key] = value;
  }
}
