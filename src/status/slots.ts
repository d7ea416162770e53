import { Type } from '@sinclair/typebox';
import { defineSlots } from '../flow/step-api.js';

/** The status room's slots. */
export const statusSlots = defineSlots({
  /** The request the caller is asking about, chosen by a step before the lookup (no number asked). */
  statusRequestId: Type.Integer({ minimum: 1 }),
  /** A confirmation number said in the opening sentence, for the lookup to use without asking. */
  statusDigits: Type.String({ pattern: '^[0-9]{1,12}$' }),
});

type StatusSlots = typeof statusSlots;
declare module '../flow/frame.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FrameSlots extends StatusSlots {}
}
