import type { Language } from '../flow/step-api.js';

/** The status line's sentences; `{n}` and friends are filled by the caller of `say`. */
export const statusPhrases = {
  badNumber: {
    en: "doesn't look like a confirmation number. Please check it and try again.",
    es: 'no parece un número de confirmación. Por favor revíselo e intente de nuevo.',
  },
  notNineDigits: {
    en: "That doesn't look like a confirmation number: it has nine digits. Please try again.",
    es: 'Eso no parece un número de confirmación: tiene nueve dígitos. Por favor intente de nuevo.',
  },
  theNumber: { en: 'The number', es: 'El número' },
  notFound: {
    en: "I couldn't find a request with the number",
    es: 'No encontré ninguna solicitud con el número',
  },
  tryAgain: { en: 'Please try again.', es: 'Por favor intente de nuevo.' },
  request: { en: 'Request', es: 'Solicitud' },
  offerAdd: {
    en: 'To add something to this request, press 1.',
    es: 'Para agregar algo a esta solicitud, oprima 1.',
  },
  offerNotFixed: {
    en: 'If the problem is not fixed, press 1.',
    es: 'Si el problema no está resuelto, oprima 1.',
  },
  offerTooOld: {
    en: 'It was closed too long ago to reopen. If the problem is back, please report it again.',
    es: 'Se cerró hace demasiado tiempo para reabrirla. Si el problema volvió, repórtelo de nuevo.',
  },
  offerRest: {
    en: "To report something new, press 2. To hear this again, press 3. If that's all, you can hang up.",
    es: 'Para reportar algo nuevo, oprima 2. Para escuchar esto otra vez, oprima 3. Si eso es todo, puede colgar.',
  },
  askAddition: {
    en: "Please tell me what you'd like to add. The department will see it.",
    es: 'Por favor dígame lo que quiere agregar. El departamento lo verá.',
  },
  askNotFixed: {
    en: "Please tell me what is still wrong, and I'll reopen the request for review.",
    es: 'Por favor dígame qué sigue mal, y reabriré la solicitud para que la revisen.',
  },
  poundNotFixed: {
    en: 'Or, to reopen it without words, press pound.',
    es: 'O, para reabrirla sin palabras, oprima la tecla de número.',
  },
  poundAddition: {
    en: "Or, to note that it's still a problem, press pound.",
    es: 'O, para anotar que el problema sigue, oprima la tecla de número.',
  },
  /** What the department reads when the caller pressed pound instead of speaking (kept in English, as the departments work). */
  keyedNotFixed: { en: 'The caller says it is still not fixed (answered on the keypad).', es: 'The caller says it is still not fixed (answered on the keypad).' },
  keyedStillAProblem: { en: 'The caller says it is still a problem (answered on the keypad).', es: 'The caller says it is still a problem (answered on the keypad).' },
  noted: {
    en: "Thank you. I've added that to the request, and the department will see it.",
    es: 'Gracias. Lo agregué a la solicitud, y el departamento lo verá.',
  },
  reopened: {
    en: "Thank you. I've reopened the request for review and added what you said.",
    es: 'Gracias. Reabrí la solicitud para que la revisen y agregué lo que me dijo.',
  },
  newReport: { en: "Let's make a new report.", es: 'Hagamos un reporte nuevo.' },
  holdForMenu: { en: 'Or stay on the line for the main menu.', es: 'O permanezca en la línea para el menú principal.' },
  recognizedOptions: {
    en: 'Press 1 to hear its status, or 2 to report something new.',
    es: 'Oprima 1 para escuchar su estado, o 2 para reportar algo nuevo.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export function say(name: keyof typeof statusPhrases, language: Language): string {
  return statusPhrases[name][language];
}

/** Spoken words that pick each option after the status, in either language. */
export const offerWords = {
  add: {
    en: ['add', 'add something', 'add to it', 'not fixed', 'still not fixed', "it's not fixed", 'not done', 'still there', 'still broken', 'reopen'],
    es: ['agregar', 'añadir', 'no está arreglado', 'no lo arreglaron', 'sigue igual', 'sigue ahí', 'no está resuelto', 'reabrir'],
  },
  newReport: {
    en: ['new', 'new report', 'something new', 'report something new', 'report', 'report a problem'],
    es: ['nuevo', 'reporte nuevo', 'algo nuevo', 'reportar', 'reportar algo nuevo'],
  },
  again: {
    en: ['again', 'repeat', 'hear it again', 'say that again', 'one more time'],
    es: ['otra vez', 'repetir', 'repita', 'de nuevo'],
  },
  done: {
    en: ["that's all", 'that is all', 'goodbye', 'bye', 'done', 'nothing', 'no thanks', 'no thank you', 'no'],
    es: ['eso es todo', 'adiós', 'nada', 'no gracias', 'no'],
  },
  status: {
    en: ['status', 'hear its status', 'hear the status', 'check', 'yes'],
    es: ['estado', 'escuchar', 'sí', 'si'],
  },
} as const;
