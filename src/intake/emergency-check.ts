import { phrase, type AnswerCheck } from '../flow/step-api.js';
import { detectEmergency } from './emergency.js';

/** Any answer that sounds like an emergency gets the 911 advice before anything else. */
export const emergencyCheck: AnswerCheck = (input, language) => {
  if (input.kind !== 'speech') return undefined;
  const emergency = detectEmergency(input.text, language);
  if (!emergency.emergency) return undefined;
  return {
    kind: 'global',
    target: 'emergency',
    say: [phrase('emergency', language)],
    frame: { outcome: 'emergency', emergencyKind: emergency.kind ?? 'other' },
  };
};
