import { Type } from '@sinclair/typebox';
import { defineSlots } from '../flow/step-api.js';

/** The queue room's slots. */
export const queueSlots = defineSlots({
  /** The live queue the caller was put in or offered. */
  queue: Type.String({ maxLength: 64 }),
  /** Why the queue could not take the caller at once. */
  queueTurnedAway: Type.Union([Type.Literal('full'), Type.Literal('unstaffed')]),
});

type QueueSlots = typeof queueSlots;
declare module '../flow/frame.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FrameSlots extends QueueSlots {}
}
