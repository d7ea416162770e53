import type { Language } from '../flow/step-api.js';

/** Location's connective sentences; `{…}` slots are filled by code only. */
export const locationPhrases = {
  iHave: { en: 'I have {place}. Is that right? Say yes or press 1, or say no or press 2.', es: 'Tengo: {place}. ¿Es correcto? Diga sí u oprima 1, o diga no u oprima 2.' },
  whichStreet: { en: 'And what street is number {number} on?', es: '¿Y en qué calle está el número {number}?' },
  orKeyStreet: {
    en: 'Or key the first letters of the street name, 2 for A B C and so on, then press pound.',
    es: 'O marque las primeras letras del nombre de la calle, el 2 para A B C y así, y luego oprima la tecla de número.',
  },
  keysKind: {
    en: 'For a corner, press 1. For a park or a landmark, press 2. For a street address, press 3.',
    es: 'Para una esquina, oprima 1. Para un parque o un lugar conocido, oprima 2. Para una dirección, oprima 3.',
  },
  keyNumber: { en: 'Key the house number, then press pound.', es: 'Marque el número de la casa y luego oprima la tecla de número.' },
  keyFirstStreet: {
    en: 'Key the first letters of one of the two streets, 2 for A B C and so on, then press pound.',
    es: 'Marque las primeras letras de una de las dos calles, el 2 para A B C y así, y luego oprima la tecla de número.',
  },
  keySecondStreet: {
    en: 'And the street that crosses {street}? Key its first letters, then press pound.',
    es: '¿Y la calle que cruza {street}? Marque sus primeras letras y luego oprima la tecla de número.',
  },
  keyPlace: {
    en: 'Key the first letters of the park or landmark, 2 for A B C and so on, then press pound.',
    es: 'Marque las primeras letras del parque o del lugar, el 2 para A B C y así, y luego oprima la tecla de número.',
  },
  keyMore: { en: 'Key the next letters, then press pound.', es: 'Marque las letras siguientes y luego oprima la tecla de número.' },
  forPress: { en: 'For {name}, press {key}.', es: 'Para {name}, oprima {key}.' },
  starForMore: { en: 'To key more letters, press star.', es: 'Para marcar más letras, oprima asterisco.' },
  noneByLetters: {
    en: 'I found no name starting with those letters.',
    es: 'No encontré ningún nombre que empiece con esas letras.',
  },
  noneWithNumber: {
    en: 'I found no street starting with those letters that has a number {number}.',
    es: 'No encontré ninguna calle que empiece con esas letras y tenga el número {number}.',
  },
  noneCrossing: {
    en: 'I found no street starting with those letters that crosses {street}.',
    es: 'No encontré ninguna calle que empiece con esas letras y cruce {street}.',
  },
  keyAgain: { en: 'Key the first letters again, then press pound.', es: 'Marque otra vez las primeras letras y luego oprima la tecla de número.' },
  outsideRange: {
    en: "{street} doesn't have a number {number}. Its addresses run from {min} to {max}.",
    es: '{street} no tiene el número {number}. Sus direcciones van del {min} al {max}.',
  },
  outsideCity: {
    en: '{place} seems to be outside Baltimore City, and 3 1 1 can only take reports inside the city.',
    es: '{place} parece estar fuera de la Ciudad de Baltimore, y el 3 1 1 solo atiende reportes dentro de la ciudad.',
  },
  notFound: { en: "I couldn't find that place.", es: 'No pude encontrar ese lugar.' },
  tryAgain: {
    en: 'Let\'s try again. A nearby landmark, a corner or a park is fine too.',
    es: 'Intentemos de nuevo. También sirve un lugar conocido cercano, una esquina o un parque.',
  },
  takenAsSaid: {
    en: "Thank you. I've noted the location in your own words, and a person will check it.",
    es: 'Gracias. Anoté el lugar con sus propias palabras y una persona lo revisará.',
  },
} as const satisfies Record<string, Record<Language, string>>;
