import { Type } from '@sinclair/typebox';
import { defineSlots } from '../flow/step-api.js';

const Words = Type.String({ maxLength: 2000 });

/** How the issue type was understood, for supervisors' speech-recognition figures. */
export const ClassifiedBy = Type.Union([Type.Literal('first-try'), Type.Literal('confirmation'), Type.Literal('keypad')]);

/** The intake room's slots: what the report is, in the caller's words, and what became of it. */
export const intakeSlots = defineSlots({
  /** The catalogue code of the problem, once the caller agreed to it. */
  serviceCode: Type.String({ maxLength: 100 }),
  classifiedBy: ClassifiedBy,
  /** Types the opening sentence might mean, best first, to offer by number instead of asking again. */
  issueCandidates: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 3 }),
  /** What the caller said when asked for the problem. */
  issueWords: Type.String({ maxLength: 500 }),
  description: Words,
  requestedAction: Words,
  /** The filed request: set only in the transaction that files it. */
  requestId: Type.Integer({ minimum: 1 }),
  confirmation: Type.String({ pattern: '^[0-9]{9}$' }),
  /** The report was added to a neighbour's open request instead of filing a new one. */
  merged: Type.Boolean(),
  textSent: Type.Boolean(),
});

type IntakeSlots = typeof intakeSlots;
declare module '../flow/frame.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FrameSlots extends IntakeSlots {}
}
