import type { Language } from '../flow/step-api.js';

/** What callers hear while they wait and when they ask for a call-back; `{…}` slots are filled by code. */
export const queuePhrases = {
  next: { en: 'You are next in line.', es: 'Usted es la próxima persona en la fila.' },
  position: { en: 'You are number {n} in line.', es: 'Usted es el número {n} en la fila.' },
  waitMinute: { en: 'The estimated wait is about one minute.', es: 'El tiempo estimado de espera es de un minuto.' },
  waitMinutes: { en: 'The estimated wait is about {n} minutes.', es: 'El tiempo estimado de espera es de unos {n} minutos.' },
  waitOverHour: { en: 'The estimated wait is more than an hour.', es: 'El tiempo estimado de espera es de más de una hora.' },
  waitUnknown: { en: 'Someone will be with you in a few minutes.', es: 'Alguien le atenderá en unos minutos.' },
  pressForCallback: {
    en: 'To hang up and get a call back, keeping your place in line, press 1 at any time.',
    es: 'Para colgar y recibir una llamada de vuelta sin perder su lugar, oprima 1 en cualquier momento.',
  },
  queueFull: {
    en: 'All of our call-takers are busy and many callers are waiting.',
    es: 'Todos nuestros agentes están ocupados y hay muchas personas esperando.',
  },
  unstaffed: {
    en: 'No call-taker is available on this line right now.',
    es: 'En este momento no hay ningún agente disponible en esta línea.',
  },
  somethingWrong: { en: "We're sorry, we couldn't keep you on hold.", es: 'Lo sentimos, no pudimos mantenerle en espera.' },
  offerCallback: {
    en: 'To get a call back as soon as someone is free, press 1.',
    es: 'Para recibir una llamada de vuelta en cuanto alguien esté libre, oprima 1.',
  },
  confirmNumber: {
    en: 'Press 1 to be called back at the number ending in {last4}, or 2 to enter another number.',
    es: 'Oprima 1 para que le llamemos al número que termina en {last4}, u oprima 2 para marcar otro número.',
  },
  enterNumber: {
    en: 'Please enter the ten-digit phone number where we can call you back, then press pound.',
    es: 'Marque el número de teléfono de diez dígitos donde podemos llamarle, y luego oprima la tecla de número.',
  },
  badNumber: { en: "Sorry, that isn't a US phone number we can call.", es: 'Perdone, ese no es un número de Estados Unidos al que podamos llamar.' },
  askReason: {
    en: 'In a few words, tell us what your call is about. Or press pound to skip.',
    es: 'En pocas palabras, díganos el motivo de su llamada. O oprima la tecla de número para omitirlo.',
  },
  willCallBack: { en: "Thank you. We'll call you back. Goodbye.", es: 'Gracias. Le llamaremos. Adiós.' },
  backToHold: { en: 'Please continue to hold.', es: 'Por favor, siga en la línea.' },
  callAgain: { en: 'Please call again later. Goodbye.', es: 'Por favor, llame más tarde. Adiós.' },
  toOperator: {
    en: "Then I'll put you through to a 3 1 1 operator, who can take your call. Please hold.",
    es: 'Entonces le comunico con un operador del 3 1 1, que puede atender su llamada. Por favor, espere.',
  },
  connecting: { en: 'Connecting you now.', es: 'Le estamos comunicando.' },
} as const satisfies Record<string, Record<Language, string>>;

export type QueuePhrase = keyof typeof queuePhrases;

export function queuePhrase(name: QueuePhrase, language: Language, slots: Record<string, string | number> = {}): string {
  return queuePhrases[name][language].replace(/\{(\w+)\}/g, (_, key: string) => String(slots[key] ?? ''));
}

/** The session's language, or English for anything we do not speak. */
export function languageOf(value: unknown): Language {
  return value === 'es' ? 'es' : 'en';
}
