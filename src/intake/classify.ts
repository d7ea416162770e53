import type { CatalogueEntry } from './catalogue.js';
import { editDistance } from './fuzzy.js';
import { NEGATION, stem, tokenise, type Lang, type Token } from './tokenise.js';

export type { Lang } from './tokenise.js';

export interface Classification {
  /** Best first, at most 3; scores are relative weights, comparable within one call only. */
  matches: { code: string; score: number }[];
  confidence: 'clear' | 'unclear' | 'none';
}

export interface Classifier {
  classify(text: string, lang: Lang): Classification;
}

/** The parts of a service the classifier reads. */
export type ClassifiableService = Pick<CatalogueEntry, 'code' | 'name' | 'names' | 'keywords' | 'aliases' | 'description'>;

// How much a word is worth by where it comes from: a whole keyword is what callers say.
const WEIGHT = {
  keyword: 1,
  name: 1,
  /** A word that only appears inside a longer keyword ("picked" of "not picked up"). */
  keywordPart: 0.4,
  /** The city's type name ("SW-Mixed Refuse"): official but not how callers talk. */
  cityName: 0.5,
  description: 0.3,
} as const;

// Phrase bonuses, as a share of the phrase's word weights.
const PHRASE_CONTIGUOUS = 1.2;
const PHRASE_NEAR = 0.6;
const PHRASE_SCATTERED = 0.2;
/** Extra words allowed between a phrase's words for it to count as "near". */
const NEAR_GAP = 3;

const FUZZY_FACTOR = [1, 0.6, 0.4] as const;

// Calibrated on the benchmark and the tests (scores include the lead weight, up to 4× for the
// first words): below NONE nothing fits; CLEAR needs one strong match ahead of the next.
const NONE_BELOW = 4;
const CLEAR_FROM = 12;
const CLEAR_RATIO = 1.6;
/** Alternatives are offered only when they come close to the best. */
const OFFER_RATIO = 0.5;

interface Phrase {
  service: number;
  stems: string[];
  /** Sum of the words' inverse document frequencies. */
  idf: number;
}

interface LangIndex {
  /** stem → service index → best field weight. */
  terms: Map<string, Map<number, number>>;
  idf: Map<string, number>;
  /** Phrases (2+ words) by their first stem. */
  phrases: Map<string, Phrase[]>;
  /** Vocabulary by length, for fuzzy look-ups. */
  byLength: Map<number, string[]>;
  /** Fuzzy resolutions already computed: misheard words recur from call to call. */
  fuzzyCache: Map<string, { stem: string; distance: number } | null>;
}

const FUZZY_CACHE_LIMIT = 20_000;

function cityNameWords(name: string): string {
  // "TRM-Potholes" → "Potholes"; "HLTH-Animal Barking Dog" → "Animal Barking Dog"
  return name.replace(/^[A-Z0-9]+-\s*/, '').replace(/[()/]/g, ' ');
}

function buildIndex(services: ClassifiableService[], lang: Lang): LangIndex {
  const terms = new Map<string, Map<number, number>>();
  const rawPhrases: { service: number; stems: string[] }[] = [];
  const add = (stemmed: string, service: number, weight: number) => {
    if (stemmed === NEGATION) return;
    let perService = terms.get(stemmed);
    if (!perService) terms.set(stemmed, (perService = new Map()));
    if ((perService.get(service) ?? 0) < weight) perService.set(service, weight);
  };
  const addText = (text: string, service: number, weight: number, partWeight: number, phrase: boolean) => {
    const stems = tokenise(text, lang).map((t) => t.stem);
    if (stems.length === 0) return;
    const single = stems.length === 1;
    for (const s of stems) add(s, service, single ? weight : partWeight);
    if (phrase && !single) rawPhrases.push({ service, stems });
  };

  services.forEach((service, i) => {
    addText(service.names[lang], i, WEIGHT.name, WEIGHT.keywordPart, true);
    for (const keyword of service.keywords[lang]) addText(keyword, i, WEIGHT.keyword, WEIGHT.keywordPart, true);
    if (lang === 'en') {
      for (const name of [service.name, ...service.aliases]) {
        addText(cityNameWords(name), i, WEIGHT.cityName, WEIGHT.cityName, false);
      }
      addText(service.description, i, WEIGHT.description, WEIGHT.description, false);
    }
  });

  const n = services.length;
  const idf = new Map<string, number>();
  for (const [s, perService] of terms) idf.set(s, Math.log(1 + n / perService.size));

  const phrases = new Map<string, Phrase[]>();
  const seen = new Set<string>();
  for (const { service, stems } of rawPhrases) {
    const key = `${service}:${stems.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const weight = stems.reduce((sum, s) => sum + (idf.get(s) ?? 0.5), 0);
    const first = stems[0]!;
    const list = phrases.get(first) ?? [];
    list.push({ service, stems, idf: weight });
    phrases.set(first, list);
  }

  const byLength = new Map<number, string[]>();
  for (const s of terms.keys()) {
    const list = byLength.get(s.length) ?? [];
    list.push(s);
    byLength.set(s.length, list);
  }
  return { terms, idf, phrases, byLength, fuzzyCache: new Map() };
}

/** The closest known stem to an unknown one: one edit for short words, two for long ones. */
function fuzzyLookup(index: LangIndex, unknown: string): { stem: string; distance: number } | null {
  const cached = index.fuzzyCache.get(unknown);
  if (cached !== undefined) return cached;
  let best: { stem: string; distance: number } | null = null;
  // Strict on purpose: in a long sentence most unknown words are ordinary English, and a
  // loose match ("place" → "plate") adds noise; misheard issue words keep their first letters.
  if (unknown.length >= 5) {
    const max = unknown.length >= 8 ? 2 : 1;
    for (let len = unknown.length - max; len <= unknown.length + max && best?.distance !== 1; len++) {
      for (const candidate of index.byLength.get(len) ?? []) {
        if (candidate.length < 5 || candidate[0] !== unknown[0] || candidate[1] !== unknown[1]) continue;
        const d = editDistance(unknown, candidate, max);
        if (d <= max && (!best || d < best.distance)) best = { stem: candidate, distance: d };
        if (best?.distance === 1) break;
      }
    }
  }
  if (index.fuzzyCache.size >= FUZZY_CACHE_LIMIT) index.fuzzyCache.clear();
  index.fuzzyCache.set(unknown, best);
  return best;
}

interface Resolved {
  stem: string;
  pos: number;
  factor: number;
}

// Callers (and writers) name the problem first and then describe the place and the history:
// early words count more than late ones.
// Tuned on the benchmark: the first word counts four times, the fifth about twice.
const LEAD_BONUS = 3;
const LEAD_DECAY = 4;
const leadWeight = (pos: number) => 1 + LEAD_BONUS * Math.exp(-pos / LEAD_DECAY);

/** Maps heard words onto the vocabulary: exact, joined ("pot hole"), or fuzzy ("pothold"). */
function resolve(index: LangIndex, tokens: Token[], lang: Lang): Resolved[] {
  const out: Resolved[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (next && token.stem !== NEGATION && next.stem !== NEGATION) {
      const joined = stem(token.word + next.word, lang);
      if (index.terms.has(joined) && !index.terms.has(token.stem)) {
        out.push({ stem: joined, pos: token.pos, factor: 1 });
        out.push({ stem: joined, pos: next.pos, factor: 1 });
        i++;
        continue;
      }
      if (index.terms.has(joined)) out.push({ stem: joined, pos: token.pos, factor: 1 });
    }
    if (token.stem === NEGATION || index.terms.has(token.stem)) {
      out.push({ stem: token.stem, pos: token.pos, factor: 1 });
      continue;
    }
    const near = fuzzyLookup(index, token.stem);
    if (near) out.push({ stem: near.stem, pos: token.pos, factor: FUZZY_FACTOR[near.distance] ?? 0 });
  }
  return out;
}

function phraseBonus(phrase: Phrase, positions: Map<string, { pos: number[]; factor: number }>): number {
  let factor = 1;
  for (const s of phrase.stems) {
    const at = positions.get(s);
    if (!at) return 0;
    factor = Math.min(factor, at.factor);
  }
  // Smallest span covering the phrase's words in order, starting from each place the first occurs.
  let bestSpan = Infinity;
  for (const start of positions.get(phrase.stems[0]!)!.pos) {
    let cursor = start;
    let ok = true;
    for (const s of phrase.stems.slice(1)) {
      const nextPos = positions.get(s)!.pos.find((p) => p > cursor);
      if (nextPos === undefined) {
        ok = false;
        break;
      }
      cursor = nextPos;
    }
    if (ok) bestSpan = Math.min(bestSpan, cursor - start + 1);
  }
  const len = phrase.stems.length;
  const share = bestSpan === len ? PHRASE_CONTIGUOUS : bestSpan <= len + NEAR_GAP ? PHRASE_NEAR : PHRASE_SCATTERED;
  return phrase.idf * share * factor;
}

function classifyWith(index: LangIndex, codes: string[], text: string, lang: Lang): Classification {
  const resolved = resolve(index, tokenise(text, lang), lang);
  const positions = new Map<string, { pos: number[]; factor: number }>();
  for (const r of resolved) {
    const at = positions.get(r.stem);
    const factor = r.factor * leadWeight(r.pos);
    if (at) {
      at.pos.push(r.pos);
      at.factor = Math.max(at.factor, factor);
    } else positions.set(r.stem, { pos: [r.pos], factor });
  }

  const scores = new Map<number, number>();
  for (const [s, { factor }] of positions) {
    const perService = index.terms.get(s);
    if (!perService) continue;
    const idf = index.idf.get(s) ?? 0;
    for (const [service, weight] of perService) scores.set(service, (scores.get(service) ?? 0) + idf * weight * factor);
  }

  const bonuses = new Map<number, number[]>();
  for (const s of positions.keys()) {
    for (const phrase of index.phrases.get(s) ?? []) {
      const bonus = phraseBonus(phrase, positions);
      if (bonus > 0) {
        const list = bonuses.get(phrase.service) ?? [];
        list.push(bonus);
        bonuses.set(phrase.service, list);
      }
    }
  }
  // The best phrase counts fully, each further one half as much as the one before.
  for (const [service, list] of bonuses) {
    list.sort((a, b) => b - a);
    let total = 0;
    list.forEach((b, i) => (total += b / 2 ** i));
    scores.set(service, (scores.get(service) ?? 0) + total);
  }

  const ranked = [...scores].filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1]);
  const top = ranked[0]?.[1] ?? 0;
  if (top < NONE_BELOW) return { matches: [], confidence: 'none' };
  const second = ranked[1]?.[1] ?? 0;
  const clear = top >= CLEAR_FROM && top >= second * CLEAR_RATIO;
  const matches = ranked
    .filter(([, score]) => score >= top * OFFER_RATIO)
    .slice(0, 3)
    .map(([service, score]) => ({ code: codes[service]!, score: Math.round(score * 100) / 100 }));
  return { matches, confidence: clear ? 'clear' : 'unclear' };
}

/** Builds the word index once; `classify` is then a few map look-ups per word. */
export function buildClassifier(services: ClassifiableService[]): Classifier {
  const codes = services.map((s) => s.code);
  const indexes: Record<Lang, LangIndex> = { en: buildIndex(services, 'en'), es: buildIndex(services, 'es') };
  return {
    classify(text, lang) {
      return classifyWith(indexes[lang], codes, text, lang);
    },
  };
}
