import { clampSpeech, matchWords, type Language } from '../flow/step-api.js';
import type { Intent } from '../flow/step-api.js';
import type { Classification } from '../intake/classify.js';
import type { LocationResult, Precision, ResolvedLocation } from '../location/resolve.js';
import { spokenDigits } from '../status/spoken-digits.js';
import { placeSpans } from './place-spans.js';
import { wantedIn } from './wanted.js';

/** What the understanding needs from the rooms: the classifier, the catalogue and the gazetteer. */
export interface OpeningTools {
  classify(text: string, language: Language): Classification;
  /** How the catalogue handles a service: a report, or a live police matter. */
  handling(code: string): 'report' | 'police' | undefined;
  resolve(span: string): Promise<LocationResult>;
}

/** The keypad choices' words, as the flow gives them: supervisors edit them. */
export interface IntentWords {
  intent: Intent;
  words: readonly string[];
}

/** One sentence, turned into what it tells the line; every piece says how sure it is (0 to 1). */
export interface Opening {
  /** The language the sentence is in (a Spanish sentence said at the English prompt switches). */
  language: Language;
  intent?: { value: Intent; sure: number };
  issue?: { codes: string[]; confidence: 'clear' | 'unclear'; sure: number };
  place?: { location: ResolvedLocation; span: string; sure: number };
  wanted?: { words: string; sure: number };
  /** The caller's words, kept as the report's description when they describe the problem. */
  description?: string;
  statusDigits?: string;
}

const PRECISION_RANK: Record<Precision, number> = { address: 6, intersection: 5, landmark: 4, park: 4, neighborhood: 3, street: 2 };
/** A sentence this long that names a problem has described it; a shorter one ("a pothole") has not. */
const DESCRIBED_WORDS = 5;
/** Confirmation numbers have nine digits; a house number or a time has fewer. */
const STATUS_DIGITS = 8;

const SPANISH = new Set(`hay un una en mi la el de que calle esta estan no por favor quiero tengo necesito basura bache luz perro agua
  ruido los las del con muy hola buenos dias tardes mi su se lo le al ya hace semanas desde frente cerca esquina arreglen`.split(/\s+/));
const ENGLISH = new Set(`the a there is my on in of and i it to street please hi hello at for this that been have has was with`.split(/\s+/));

/** A sentence said in Spanish at an English prompt: more Spanish than English function words. */
export function soundsSpanish(text: string): boolean {
  const words = text.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').split(/[^a-z]+/).filter(Boolean);
  const es = words.filter((w) => SPANISH.has(w)).length;
  const en = words.filter((w) => ENGLISH.has(w)).length;
  return es >= 2 && es > en;
}

/**
 * Understands a caller's first sentence deterministically, on our own catalogue and gazetteer:
 * why they call, the problem, the place inside the sentence, what they want done, and the digits
 * of a confirmation number. Nothing here is filed: the steps after it confirm what it heard.
 */
export async function understandOpening(
  said: string,
  language: Language,
  intents: readonly IntentWords[],
  tools: OpeningTools,
): Promise<Opening> {
  const text = clampSpeech(said);
  const lang: Language = language === 'en' && soundsSpanish(text) ? 'es' : language;
  const out: Opening = { language: lang };
  if (!text) return out;

  const digits = spokenDigits(text, lang);
  if (digits.length >= STATUS_DIGITS) out.statusDigits = digits.slice(0, 12);
  const byWords = matchWords(intents, (i) => i.words, text)?.intent;

  const classified = tools.classify(text, lang);
  const codes = classified.matches.map((m) => m.code).filter((code) => tools.handling(code));
  if (codes.length && classified.confidence !== 'none') {
    out.issue = { codes: codes.slice(0, 3), confidence: classified.confidence === 'clear' ? 'clear' : 'unclear', sure: classified.confidence === 'clear' ? 0.9 : 0.5 };
  }
  const police = out.issue?.confidence === 'clear' && tools.handling(out.issue.codes[0]!) === 'police';

  // Asking about a request beats naming a problem: "the pothole I reported, what's happening with it".
  if (byWords === 'status' || (out.statusDigits && !out.issue)) out.intent = { value: 'status', sure: byWords === 'status' ? 0.9 : 0.7 };
  else if (police) out.intent = { value: 'police', sure: 0.9 };
  else if (out.issue?.confidence === 'clear') out.intent = { value: 'report', sure: 0.9 };
  else if (byWords) out.intent = { value: byWords, sure: 0.8 };
  else if (out.issue) out.intent = { value: 'report', sure: 0.6 };

  if (out.intent?.value !== 'report') return out;
  const [place, wanted] = await Promise.all([findPlace(text, lang, tools), Promise.resolve(wantedIn(text, lang))]);
  if (place) out.place = place;
  if (wanted) out.wanted = { words: wanted, sure: 0.8 };
  if (out.issue && text.split(/\s+/).length >= DESCRIBED_WORDS) out.description = text;
  return out;
}

/** The best place the sentence names: the most precise of the spans the gazetteer resolves. */
async function findPlace(text: string, language: Language, tools: OpeningTools): Promise<Opening['place']> {
  let best: Opening['place'];
  for (const span of placeSpans(text, language)) {
    const result = await tools.resolve(span);
    if (result.kind !== 'resolved') continue;
    const rank = PRECISION_RANK[result.precision];
    if (!best || rank > PRECISION_RANK[best.location.precision]) best = { location: result, span, sure: rank >= 4 ? 0.9 : 0.6 };
    if (rank === PRECISION_RANK.address) break;
  }
  return best;
}
