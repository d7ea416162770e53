/**
 * The search form of names, shared by the seed that writes the gazetteer and the location search
 * that reads it: both must normalise a name the same way for rows and queries to meet.
 */
import { directions, suffixAbbreviation } from './usps.js';

/** Lower case words without punctuation; "&" becomes "and", "#" stays a word of its own. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/#/g, ' # ')
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0);
}

/** First words the city abbreviates and callers say in full. */
const leadingWords: Record<string, string> = { st: 'saint', mt: 'mount', ft: 'fort' };

export interface StreetParts {
  dir: string;
  core: string;
  type: string;
  dirSuf: string;
}

/**
 * Splits normalised words into direction, name, type and trailing direction. A direction or a
 * suffix that would leave no name is the name itself: "north avenue" is North Avenue.
 */
export function splitStreet(tokens: string[]): StreetParts {
  const words = [...tokens];
  let dirSuf = '';
  let type = '';
  let dir = '';
  const last = words.at(-1);
  if (words.length > 2 && last && directions[last] && suffixAbbreviation(words.at(-2)!)) {
    dirSuf = directions[last];
    words.pop();
  }
  const maybeType = words.at(-1);
  if (words.length > 1 && maybeType && suffixAbbreviation(maybeType)) {
    type = suffixAbbreviation(maybeType)!;
    words.pop();
  }
  const first = words[0];
  if (words.length > 1 && first && directions[first]) {
    dir = directions[first];
    words.shift();
  }
  if (words[0] && leadingWords[words[0]] && words.length > 1) words[0] = leadingWords[words[0]]!;
  return { dir, core: words.join(' '), type, dirSuf };
}

/** The search form of a street's parts: "n charles st". */
export function streetSearch(parts: StreetParts): string {
  return [parts.dir, parts.core, parts.type, parts.dirSuf].filter(Boolean).join(' ');
}

/**
 * The search form of any name: lower case, no punctuation, no leading "the", USPS direction
 * and suffix abbreviations ("North Charles Street" → "n charles st", "W. NORTH AV" → "w north ave").
 * The gazetteer's `search` columns hold exactly this, so queries and rows meet.
 */
export function normalizeName(text: string): string {
  let tokens = tokenize(text);
  if (tokens[0] === 'the' && tokens.length > 1) tokens = tokens.slice(1);
  return streetSearch(splitStreet(tokens));
}
