import type { StepHandler } from '../flow/types.js';
import type { StepOf } from '../flow/schema.js';

// Not built yet: sends the caller to the flow's error step (a live operator).
export const recognizeCaller: StepHandler<StepOf<'recognize-caller'>> = {
  enter: () => ({ kind: 'global', target: 'error' }),
};
