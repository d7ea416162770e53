import type { Language } from '../flow/step-api.js';

/** Location's connective sentences; `{…}` slots are filled by code only. */
export const locationPhrases = {
  iHave: { en: 'I have {place}. Is that right? Say yes or press 1, or say no or press 2.', es: 'Tengo: {place}. ¿Es correcto? Diga sí u oprima 1, o diga no u oprima 2.' },
  whichStreet: { en: 'And what street is number {number} on?', es: '¿Y en qué calle está el número {number}?' },
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
