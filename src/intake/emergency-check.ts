import { phrase, type AnswerCheck, type Language } from '../flow/step-api.js';
import { detectEmergency } from './emergency.js';

const OTHER: Record<Language, Language> = { en: 'es', es: 'en' };

/**
 * Any answer that sounds like an emergency gets the 911 advice before anything else. The words
 * are checked in the call's language and then in the other one: a caller in a panic answers in
 * their own language whatever the prompt was, and hears the advice in the language they used.
 */
export const emergencyCheck: AnswerCheck = (input, language) => {
  if (input.kind !== 'speech') return undefined;
  for (const lang of [language, OTHER[language]]) {
    const emergency = detectEmergency(input.text, lang);
    if (!emergency.emergency) continue;
    return {
      kind: 'global',
      target: 'emergency',
      say: [phrase('emergency', lang)],
      frame: { outcome: 'emergency', emergencyKind: emergency.kind ?? 'other' },
    };
  }
  return undefined;
};
