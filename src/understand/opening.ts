import { clampSpeech, matchWords, type Language } from '../flow/step-api.js';
import type { Intent } from '../flow/step-api.js';
import type { Classification } from '../intake/classify.js';
import type { LocationResult, Precision, ResolvedLocation } from '../location/resolve.js';
import { spokenDigits } from '../status/spoken-digits.js';
import { isGenericName } from '../../db/names/generic.js';
import { placeSpans, STREET_WORDS, withoutPlace } from './place-spans.js';
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
/**
 * A type this far ahead of the next is taken as the likely one at the first question, where the
 * combined confirmation follows at once (the classifier's own "clear" asks for more, since its
 * confirmation is the only one).
 */
const LIKELY_RATIO = 1.3;
/** …and this strong on its own: a lone weak match ("um, well" for a tree's well) is no type. */
const LIKELY_FROM = 8;
/** Confirmation numbers have nine digits; a house number or a time has fewer. */
const STATUS_DIGITS = 8;

const SPANISH = new Set(`hay un una en mi la el de que calle esta estan no por favor quiero tengo necesito basura bache luz perro agua
  ruido los las del con muy hola buenos dias tardes mi su se lo le al ya hace semanas desde frente cerca esquina arreglen`.split(/\s+/));
const ENGLISH = new Set(`the a there is my on in of and i it to street please hi hello at for this that been have has was with`.split(/\s+/));

/** Lower case without accents: "Español" and "espanol" are one word. */
export const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '');

/** The sentence's words, folded, punctuation and digits dropped. */
export const foldedWords = (text: string) => fold(text).split(/[^a-z]+/).filter(Boolean);

/** A sentence said in Spanish at an English prompt: more Spanish than English function words. */
export function soundsSpanish(text: string): boolean {
  const words = foldedWords(text);
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

  // The place first: its words are taken out before the problem is read, so "Light Street" does
  // not make a street light, nor "Water Street" a water leak.
  // Sentences that cannot be a report (a question about a request, nothing the catalogue knows,
  // a clear police matter) are not searched for a place: the gazetteer is the costly part.
  const whole = tools.classify(text, lang);
  const policeAtOnce = whole.confidence === 'clear' && tools.handling(whole.matches[0]!.code) === 'police';
  const mayReport = byWords === 'report' || (whole.confidence !== 'none' && !policeAtOnce);
  const place = byWords === 'status' || out.statusDigits || !mayReport ? undefined : await findPlace(text, lang, tools);
  const issue = issueOf(text, place && withoutPlace(text, lang, place.span), lang, tools, whole);
  if (issue) out.issue = issue;
  const police = out.issue?.confidence === 'clear' && tools.handling(out.issue.codes[0]!) === 'police';

  // Asking about a request beats naming a problem: "the pothole I reported, what's happening with it".
  if (byWords === 'status' || (out.statusDigits && !out.issue)) out.intent = { value: 'status', sure: byWords === 'status' ? 0.9 : 0.7 };
  else if (police) out.intent = { value: 'police', sure: 0.9 };
  else if (out.issue?.confidence === 'clear') out.intent = { value: 'report', sure: 0.9 };
  else if (byWords) out.intent = { value: byWords, sure: 0.8 };
  else if (out.issue) out.intent = { value: 'report', sure: 0.6 };

  if (out.intent?.value !== 'report') return out;
  if (place) out.place = place;
  const wanted = wantedIn(text, lang);
  if (wanted) out.wanted = { words: wanted, sure: 0.8 };
  if (out.issue && text.split(/\s+/).length >= DESCRIBED_WORDS) out.description = text;
  return out;
}

/**
 * The problem the sentence names, read without the place's words when a place was found (the
 * whole sentence counts only if that reads clearer). One likely type is taken as clear: the
 * caller confirms it with the place in one question, and a no asks for the problem again.
 */
function issueOf(
  text: string,
  remainder: string | undefined,
  language: Language,
  tools: OpeningTools,
  wholeSentence: Classification,
): Opening['issue'] {
  const usable = (c: Classification) => ({ ...c, matches: c.matches.filter((m) => tools.handling(m.code)) });
  const whole = usable(wholeSentence);
  const withoutPlaceWords = remainder === undefined || remainder === text ? undefined : usable(tools.classify(remainder, language));
  let classified = withoutPlaceWords ?? whole;
  if (withoutPlaceWords && withoutPlaceWords.confidence !== 'clear' && (whole.confidence === 'clear' || !withoutPlaceWords.matches.length)) {
    classified = whole;
  }
  const codes = classified.matches.map((m) => m.code);
  if (!codes.length || classified.confidence === 'none') return undefined;
  const [first, second] = classified.matches;
  const clear = classified.confidence === 'clear' || (first!.score >= LIKELY_FROM && (!second || first!.score >= second.score * LIKELY_RATIO));
  return { codes: codes.slice(0, 3), confidence: clear ? 'clear' : 'unclear', sure: classified.confidence === 'clear' ? 0.9 : clear ? 0.7 : 0.5 };
}

/**
 * What a place phrase tends to hold, and how much it counts: a house number (tried before all else,
 * as an address ends the search), a street or place word, a corner's "and".
 */
const LOOKS_LIKE_PLACE: [RegExp, number][] = [
  [/^\d/, 4],
  [new RegExp(`\\b(${STREET_WORDS}|park|market|station|center|plaza|school|library)\\b`), 1],
  [/ and /, 1],
];

/** The best place the sentence names: the most precise of the spans the gazetteer resolves. */
async function findPlace(text: string, language: Language, tools: OpeningTools): Promise<Opening['place']> {
  let best: Opening['place'];
  // The phrases that look most like places are tried first, so a corner found early ends the
  // search before "unclog the storm drain" is matched fuzzily against every name in the city.
  const spans = placeSpans(text, language)
    .map((span, i) => ({ span, i, looks: LOOKS_LIKE_PLACE.reduce((sum, [re, weight]) => sum + (re.test(span) ? weight : 0), 0) }))
    .sort((a, b) => b.looks - a.looks || a.i - b.i)
    .map((s) => s.span);
  for (const span of spans) {
    // "behind my house", "the side of the building": no name the gazetteer could find.
    if (isGenericName(span)) continue;
    const result = await tools.resolve(span);
    if (result.kind !== 'resolved') continue;
    const rank = PRECISION_RANK[result.precision];
    if (!best || rank > PRECISION_RANK[best.location.precision]) best = { location: result, span, sure: rank >= 4 ? 0.9 : 0.6 };
    if (rank === PRECISION_RANK.address) return best;
    // House numbers' spans come first, so after a corner only vaguer places are left to try.
    if (rank === PRECISION_RANK.intersection) break;
  }
  // "On Loch Raven Boulevard at 5000", "Gwynns Falls Parkway by 2600": the number said apart.
  const house = best?.location.precision === 'street' ? spans.map((s) => /^(?:by |near |around )?(\d{2,5})$/.exec(s)?.[1]).find(Boolean) : undefined;
  if (best && house) {
    const result = await tools.resolve(`${house} ${best.span}`);
    if (result.kind === 'resolved' && result.precision === 'address') return { location: result, span: best.span, sure: 0.8 };
  }
  return best;
}
