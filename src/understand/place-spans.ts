import type { Language } from '../flow/step-api.js';
import { wordsToNumbers } from '../location/numbers.js';

/**
 * Finds the stretches of a whole sentence that may name a place, for the gazetteer to try:
 * what follows "on", "at", "in front of", "cerca de"…, and any house number with the words after
 * it, each cut where the sentence moves on to something else ("…on Light Street, it's been there
 * for weeks"). The gazetteer decides which of them is a place; this only keeps the rest of the
 * sentence (the problem, the story, the wish) from reaching it.
 */

/** Words that lead into a place, longest first. Relations the resolver reads are kept in the span. */
const CUES: Record<Language, { words: string; keep: boolean }[]> = {
  en: [
    ...['at the corner of', 'on the corner of', 'the corner of', 'corner of', 'in front of', 'out front of', 'across the street from',
      'across from', 'next to', 'behind', 'near', 'by', 'outside of', 'outside', 'around'].map((words) => ({ words, keep: true })),
    ...['right on', 'right at', 'right in', 'over on', 'over in', 'over at', 'over by', 'down on', 'up on', 'out on', 'inside of',
      'inside', 'on', 'at', 'in', 'off of', 'off', 'along', 'to', 'all over', 'over', 'of the', 'from the', 'from'].map((words) => ({ words, keep: false })),
  ],
  es: [
    ...['en la esquina de', 'en la esquina del', 'la esquina de', 'esquina de', 'enfrente de', 'frente a', 'frente al', 'cerca de',
      'cerca del', 'al lado de', 'al lado del', 'detras de', 'detras del', 'afuera de', 'dentro de', 'dentro del', 'en', 'por', 'sobre'].map(
      (words) => ({ words, keep: false }),
    ),
  ],
};

/** Spanish relations, said as the resolver knows them. */
const ES_RELATIONS: [string, string][] = [
  ['en la esquina de', 'corner of'], ['en la esquina del', 'corner of'], ['la esquina de', 'corner of'], ['esquina de', 'corner of'],
  ['enfrente de', 'in front of'], ['frente a', 'in front of'], ['frente al', 'in front of'], ['cerca de', 'near'], ['cerca del', 'near'],
  ['al lado de', 'next to'], ['al lado del', 'next to'], ['detras de', 'behind'], ['detras del', 'behind'], ['afuera de', 'near'],
];

/** Words after which the sentence has left the place behind. */
const BOUNDARY: Record<Language, Set<string>> = {
  en: new Set(
    `for since because so but please can could would will should i im i'm it it's its they there there's theres that which who whom
    been has have had is was are were be being every again yesterday today tonight last this now still when while where nobody no
    someone somebody anyone we he she you about like just already all and or if then thats that's than also even
    blocking leaking flooding broken sitting hanging lying laying keeps keep needs need full gone missing smells smelling getting
    coming causing running overflowing knocked fell falling down out since ago he's she's they're we're you're i've we've
    they've he'd she'd they'd
    `.split(/\s+/).filter(Boolean),
  ),
  es: new Set(
    `que porque pero desde hace hay ha han esta estan es son fue era lleva llevan por favor y o cuando donde quiero necesito nadie
    todo toda todos todas ya hoy ayer anoche semana semanas dias mes meses no muy tiene tienen`.split(/\s+/).filter(Boolean),
  ),
};

/**
 * The words that end a street's name as callers say them. Narrower than the USPS suffixes on
 * purpose: those include "light" and "park", which callers mostly mean as the problem or a place.
 */
export const STREET_WORDS = 'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|way|drive|dr|place|pl|court|ct|terrace|parkway|pkwy|highway|hwy|square|circle|alley';
const STREET_THEN_AT = new RegExp(`\\b(${STREET_WORDS}) at \\w`);

/** Whether the word leaves the place behind; "somebody's" as "somebody". */
function leaves(word: string, language: Language): boolean {
  return BOUNDARY[language].has(word) || (word.endsWith("'s") && BOUNDARY[language].has(word.slice(0, -2)));
}

/** "and"/"y" joins two streets unless what follows starts a new clause. */
const AND: Record<Language, string> = { en: 'and', es: 'y' };
const MAX_SPAN = 9;
const MAX_SPANS = 6;
/** After a number, these say it is no house number: "3 weeks", "2 bags", "5 o'clock". */
const NOT_HOUSE = new Set(`weeks week days day months month years year hours hour minutes times time bags bag cars car
  feet foot inches inch people kids dogs o'clock oclock am pm percent semanas dias meses horas veces bolsas`.split(/\s+/));

function tokens(text: string, language: Language): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/[.,;:!?¿¡()"]+/g, ' , ')
    .replace(/[^a-z0-9', &-]+/g, ' ')
    .replace(/&/g, ' and ');
  const words = folded.split(/\s+/).filter(Boolean);
  return language === 'en' ? wordsToNumbers(words) : words;
}

function startsAt(words: string[], at: number, phrase: string): boolean {
  return phrase.split(' ').every((w, i) => words[at + i] === w);
}

/** The span from `start`, cut at the first word that leaves the place. */
function spanFrom(words: string[], start: number, language: Language): string[] {
  const out: string[] = [];
  for (let i = start; i < words.length && out.length < MAX_SPAN; i++) {
    const word = words[i]!;
    if (word === ',') break;
    if (word === AND[language]) {
      // "Light Street and Key Highway" goes on; "…and nobody came" does not.
      const next = words[i + 1];
      if (!next || next === ',' || leaves(next, language) || next === 'the' || next === 'a' || next === 'el' || next === 'la') break;
      out.push(language === 'es' ? 'and' : word);
      continue;
    }
    // A relation inside the span is the place's detail ("Druid Hill Park near the reservoir").
    if (leaves(word, language) && (out.length > 0 || !/^\d/.test(word)) && !(language === 'en' && (word === 'by' || word === 'near'))) break;
    out.push(word);
  }
  while (out.length && (out.at(-1) === 'and' || out.at(-1) === 'the' || out.at(-1) === 'of')) out.pop();
  return out;
}

function spanishToResolver(span: string[]): string {
  let text = span.join(' ').replace(/^(en|por|sobre|dentro del?)\s+/, '');
  for (const [es, en] of ES_RELATIONS) if (text.startsWith(`${es} `)) text = `${en} ${text.slice(es.length + 1)}`;
  // "la calle Eastern", "el parque Patterson", "la avenida North": the resolver reads the English order.
  text = text.replace(/^(el|la|los|las|del)\s+/, '');
  text = text.replace(/\bcalle\s+([a-z0-9]+(?:\s[a-z]+)?)$/, '$1 street').replace(/\bavenida\s+([a-z0-9]+(?:\s[a-z]+)?)$/, '$1 avenue');
  text = text.replace(/^parque\s+(.+)$/, '$1 park').replace(/\bparque\s+([a-z]+)$/, '$1 park');
  return text.replace(/\bcalle\b/g, 'street').replace(/\bavenida\b/g, 'avenue');
}

interface Span {
  /** The phrase as the resolver reads it. */
  said: string;
  /** Where it stands among the sentence's words: [from, to). */
  from: number;
  to: number;
}

function spansOf(words: string[], language: Language): Span[] {
  const found: Span[] = [];
  const add = (span: string[], from: number, to: number) => {
    if (!span.length) return;
    const said = language === 'es' ? spanishToResolver(span) : span.join(' ');
    // "Light Street at Key Highway" is a corner: the resolver reads corners joined by "and".
    // Only when a street's own word comes before the "at": "come fix the light at …" is no corner.
    const corner = STREET_THEN_AT.test(said) ? said.replace(/^(.*\w) at (\w.*)$/, '$1 and $2') : undefined;
    for (const phrase of [corner, said]) if (phrase && !found.some((f) => f.said === phrase)) found.push({ said: phrase, from, to });
  };
  // House numbers first: "1200 North Charles" is the surest thing a caller says.
  words.forEach((word, i) => {
    if (/^\d{1,5}$/.test(word) && words[i + 1] && !NOT_HOUSE.has(words[i + 1]!) && /^[a-z]/.test(words[i + 1]!)) {
      const span = spanFrom(words, i, language);
      add(span, i, i + span.length);
    }
  });
  for (let i = 0; i < words.length; i++) {
    const cue = CUES[language].find((c) => startsAt(words, i, c.words));
    if (!cue) continue;
    const length = cue.words.split(' ').length;
    const rest = spanFrom(words, i + length, language);
    if (rest.length) add(cue.keep || language === 'es' ? [...cue.words.split(' '), ...rest] : rest, i, i + length + rest.length);
    i += length - 1;
  }
  return found.slice(0, MAX_SPANS);
}

/** Candidate place phrases in the sentence, most promising first, at most six. */
export function placeSpans(text: string, language: Language): string[] {
  return spansOf(tokens(text.slice(0, 1000), language), language).map((s) => s.said);
}

/**
 * The sentence with the place phrase `said` (one of `placeSpans`) and its lead-in taken out, so
 * that the words of a place ("Light Street", "Water Street", "Park Heights") are not read as
 * words of the problem. The whole sentence when the phrase is not in it.
 */
export function withoutPlace(text: string, language: Language, said: string): string {
  const words = tokens(text.slice(0, 1000), language);
  const span = spansOf(words, language).find((s) => s.said === said);
  if (!span) return text;
  return [...words.slice(0, span.from), ...words.slice(span.to)].filter((w) => w !== ',').join(' ');
}
