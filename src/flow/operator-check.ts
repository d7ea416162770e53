import { asksForOperator } from './phrases.js';
import type { AnswerCheck } from './types.js';

/** The operator key or "agent", "a real person" reaches a person from any question. */
export const operatorCheck: AnswerCheck = (input, language, settings) => {
  if (input.kind === 'digits' && input.digits === settings.operatorKey) return { kind: 'global', target: 'operator' };
  if (input.kind === 'speech' && asksForOperator(input.text, language)) return { kind: 'global', target: 'operator' };
  return undefined;
};
