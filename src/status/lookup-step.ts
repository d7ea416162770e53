import type { StepHandler } from '../flow/types.js';
import type { StepOf } from '../flow/schema.js';

// Not built yet: sends the caller to the flow's error step (a live operator).
export const statusLookup: StepHandler<StepOf<'status-lookup'>> = {
  enter: () => ({ kind: 'global', target: 'error' }),
};
