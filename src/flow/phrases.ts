import type { Language } from './schema.js';

/**
 * The engine's own sentences, said around the flow's prompts. Supervisors edit the prompts in
 * flows; these are the fixed connective phrases every step shares.
 */
export const phrases = {
  noInput: { en: "Sorry, I didn't hear anything.", es: 'Perdone, no escuché nada.' },
  noMatch: { en: "Sorry, I didn't understand that.", es: 'Perdone, no entendí.' },
  tooManyTries: {
    en: "Let me get you to someone who can help.",
    es: 'Le comunico con alguien que le pueda ayudar.',
  },
  emergency: {
    en: 'If this is an emergency, hang up and dial 9 1 1.',
    es: 'Si es una emergencia, cuelgue y marque el 9 1 1.',
  },
  technicalTrouble: {
    en: "We're sorry, we're having technical trouble. Please hold for the next available operator.",
    es: 'Lo sentimos, tenemos problemas técnicos. Espere en la línea al próximo operador disponible.',
  },
  yesNo: { en: 'Say yes or press 1. Say no or press 2.', es: 'Diga sí u oprima 1. Diga no u oprima 2.' },
  orSkip: { en: 'Or press pound to skip.', es: 'O oprima la tecla de número para omitirlo.' },
} as const satisfies Record<string, Record<Language, string>>;

export function phrase(name: keyof typeof phrases, language: Language): string {
  return phrases[name][language];
}

const YES = {
  en: ['yes', 'yeah', 'yep', 'yup', 'correct', 'right', 'that is right', "that's right", 'sure', 'ok', 'okay', 'please', 'yes please', 'affirmative', 'uh huh'],
  es: ['sí', 'si', 'claro', 'correcto', 'así es', 'eso es', 'por favor', 'bueno', 'vale', 'está bien'],
};
const NO = {
  en: ['no', 'nope', 'nah', 'wrong', 'incorrect', 'not right', "that's wrong", 'no thanks', 'no thank you', 'negative'],
  es: ['no', 'incorrecto', 'está mal', 'no gracias', 'negativo'],
};
const OPERATOR = {
  en: ['agent', 'operator', 'representative', 'a person', 'real person', 'human', 'speak to someone', 'talk to someone', 'live person',
    'speak to somebody', 'talk to somebody', 'put me through', 'not a machine', 'a machine'],
  es: ['agente', 'operador', 'operadora', 'representante', 'una persona', 'hablar con alguien', 'persona real', 'comuniqueme con alguien'],
};

/** Lower case, accents kept, punctuation dropped, spaces folded. */
export function normaliseSpeech(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function hasPhrase(text: string, candidates: readonly string[]): boolean {
  const padded = ` ${text} `;
  return candidates.some((c) => padded.includes(` ${c} `));
}

/** "yes", "no" or undefined, from keys (1 / 2) or speech in either language. */
export function yesOrNo(input: { kind: string; digits?: string; text?: string }, language: Language): 'yes' | 'no' | undefined {
  if (input.kind === 'digits') return input.digits === '1' ? 'yes' : input.digits === '2' ? 'no' : undefined;
  if (input.kind !== 'speech' || !input.text) return undefined;
  const text = normaliseSpeech(input.text);
  const no = hasPhrase(text, NO[language]) || hasPhrase(text, NO.en);
  const yes = hasPhrase(text, YES[language]) || hasPhrase(text, YES.en);
  if (no && !yes) return 'no';
  if (yes && !no) return 'yes';
  // "no, that's right" is ambiguous: ask again rather than guess.
  return undefined;
}

export function asksForOperator(text: string, language: Language): boolean {
  const t = normaliseSpeech(text);
  // Both lists at either prompt: a Spanish speaker may ask for a person at the English greeting.
  return hasPhrase(t, OPERATOR[language]) || hasPhrase(t, OPERATOR.en) || hasPhrase(t, OPERATOR.es);
}

export const yesNoHints = (language: Language) => [...YES[language].slice(0, 6), ...NO[language].slice(0, 4)];

/** Picks the option whose words appear in the speech; the longest phrase wins. */
export function matchWords<T>(options: readonly T[], words: (o: T) => readonly string[], speech: string): T | undefined {
  const text = ` ${normaliseSpeech(speech)} `;
  let best: { option: T; length: number } | undefined;
  for (const option of options) {
    for (const word of words(option)) {
      const w = normaliseSpeech(word);
      if (w && text.includes(` ${w} `) && (!best || w.length > best.length)) best = { option, length: w.length };
    }
  }
  return best?.option;
}
