import { stemEnglish, stemSpanish } from './stem.js';

export type Lang = 'en' | 'es';

/** The token every negation becomes, so keywords such as "not picked up" match "wasn't picked up". */
export const NEGATION = 'not';

const EN_CONTRACTIONS: [RegExp, string][] = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(is|are|was|were|do|does|did|has|have|had|could|would|should)n'?t\b/g, '$1 not'],
  [/'(s|re|ve|ll|d|m)\b/g, ''],
  [/s'(?=\s|$)/g, 's'],
];

const EN_NEGATIONS = new Set(['not', 'no', 'never', 'nothing', 'none', 'without']);
const ES_NEGATIONS = new Set(['no', 'nunca', 'sin', 'nada', 'ningun', 'ninguna', 'ninguno']);

// Function words and the filler of a phone call: they carry no issue type.
const EN_STOP = new Set(
  `a an the and or but if of to in on at by for from with about into onto over under up down out off
  is are was were be been being am do does did has have had having will would could should can may might must shall
  i me my mine we us our you your he him his she her it its they them their this that these those there here
  what which who whom whose when where why how all any each some such very so too also just only really again still
  as than then there's it's hi hello yes yeah ok okay um uh hmm like please thank thanks call calling want wanted need needs
  report reporting reported know think say said tell get got getting go going gone come came let make made see seen look
  one two three four five six seven eight nine ten days day week weeks month months year years time times today yesterday
  ago since last now ever always sometimes lot lots many much more most other another same own because while
  rd st ave av dr blvd ln ct pl hwy pkwy request issue issues problem problems area several around near between along next behind across`.split(/\s+/),
);
const ES_STOP = new Set(
  `a al ante bajo con contra de del desde en entre hacia hasta para por segun sobre tras el la los las lo un una unos unas
  y o u e pero si que porque como cuando donde quien cual es son fue era estan esta estoy esto este eso ese esa estos esas
  hay ha han he hemos tengo tiene tienen tenemos ser estar hace hacer muy mas ya tambien solo aqui ahi alli mi mis su sus
  tu tus me te se le les nos yo usted ustedes ellos ellas el ella buenos buenas dias hola gracias favor quiero quisiera necesito
  reportar llamo llamando queja dia dias semana semanas mes meses hoy ayer desde hace`.split(/\s+/),
);

export interface Token {
  /** The word as heard, accents removed. */
  word: string;
  /** Stemmed form used for matching. */
  stem: string;
  /** Position among the kept tokens, for phrase matching. */
  pos: number;
}

/** Lower-cases, removes accents, and expands English contractions. */
export function normalise(text: string, lang: Lang): string {
  let t = text.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/[’‘`]/g, "'");
  if (lang === 'en') for (const [pattern, replacement] of EN_CONTRACTIONS) t = t.replace(pattern, replacement);
  return t;
}

export function stem(word: string, lang: Lang): string {
  return lang === 'en' ? stemEnglish(word) : stemSpanish(word);
}

/** Words of the text, stop words dropped, negations unified, stems kept with their positions. */
export function tokenise(text: string, lang: Lang): Token[] {
  const words = normalise(text, lang).split(/[^a-z]+/);
  const stop = lang === 'en' ? EN_STOP : ES_STOP;
  const negations = lang === 'en' ? EN_NEGATIONS : ES_NEGATIONS;
  const tokens: Token[] = [];
  for (const word of words) {
    if (word.length < 2) continue;
    if (negations.has(word)) tokens.push({ word, stem: NEGATION, pos: tokens.length });
    else if (!stop.has(word)) tokens.push({ word, stem: stem(word, lang), pos: tokens.length });
  }
  return tokens;
}
