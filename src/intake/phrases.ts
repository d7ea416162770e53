import type { Language } from '../flow/step-api.js';

/** Intake's connective sentences; `{…}` slots are filled by the code, never by supervisors' data. */
export const intakePhrases = {
  soundsLike: {
    en: 'It sounds like {service}. Is that right? Say yes or press 1, or say no or press 2.',
    es: 'Parece que se trata de: {service}. ¿Es correcto? Diga sí u oprima 1, o diga no u oprima 2.',
  },
  oneOfThese: { en: 'I think it may be one of these.', es: 'Creo que puede ser uno de estos.' },
  forPress: { en: 'For {service}, press {key}.', es: 'Para {service}, oprima {key}.' },
  somethingElse: { en: 'For something else, press 9.', es: 'Para otra cosa, oprima 9.' },
  useMenu: { en: "Let's find it on the menu.", es: 'Busquémoslo en el menú.' },
  sorryLetsTry: { en: 'Sorry about that.', es: 'Disculpe.' },
  starForDepartments: { en: 'To go back to the list of departments, press star.', es: 'Para volver a la lista de departamentos, oprima asterisco.' },
  gotIt: { en: 'OK, {service}.', es: 'Muy bien: {service}.' },
  reportAt: { en: '{service}, at {place}.', es: '{service}, en {place}.' },
} as const satisfies Record<string, Record<Language, string>>;
