import type { Language } from '../flow/step-api.js';

/** The understanding room's connective sentences; `{…}` slots are filled by code, never by flow data. */
export const understandPhrases = {
  forExample: {
    en: "You can tell me the problem and where it is, like: a pothole on Charles Street at North Avenue.",
    es: 'Puede decirme el problema y dónde está, por ejemplo: un bache en Charles Street y North Avenue.',
  },
} as const satisfies Record<string, Record<Language, string>>;
