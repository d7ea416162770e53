import { wordsToNumbers } from './numbers.js';
import { tokenize } from '../../db/names/normalize.js';
import { unitDesignator } from '../../db/names/usps.js';

export type Relation = 'at' | 'near' | 'behind' | 'in front of' | 'across from' | 'next to' | 'corner';

/** What the caller said around the location itself. */
export interface NormalizedSpeech {
  /** The location words, normalised tokens with numbers as digits. */
  tokens: string[];
  /** Where the problem is relative to the location ("behind Lexington Market"). */
  relation?: Relation;
  /** The trailing detail as said, relation word included: "near the reservoir", "by the pagoda". */
  detail?: string;
  detailRelation?: Relation;
  /** "APT 3B", "STE 100". */
  unit?: string;
}

const fillers = [
  'um', 'uh', 'er', 'so', 'yeah', 'yes', 'okay', 'ok', 'well', 'hi', 'hello', 'its', 'it is', 'im', 'i am',
  'im at', 'i am at', 'i live at', 'i live on', 'we are at', 'were at', 'its on', 'it is on', 'its at', 'it is at',
  'its in', 'it is in', 'located at', 'the address is', 'address is', 'my address is', 'the location is',
  'right', 'over', 'out', 'on', 'at', 'in', 'inside', 'inside of', 'within', 'the', 'of', 'up', 'down',
];
const leadingRelations: [string, Relation][] = [
  ['at the corner of', 'corner'], ['on the corner of', 'corner'], ['the corner of', 'corner'], ['corner of', 'corner'],
  ['the intersection of', 'corner'], ['intersection of', 'corner'],
  ['in front of', 'in front of'], ['out front of', 'in front of'], ['behind', 'behind'], ['in back of', 'behind'],
  ['across the street from', 'across from'], ['across from', 'across from'], ['opposite', 'across from'],
  ['next to', 'next to'], ['beside', 'next to'], ['near', 'near'], ['nearby', 'near'], ['close to', 'near'],
  ['by', 'near'], ['outside', 'near'], ['outside of', 'near'], ['around', 'near'],
];
// After a place: "Patterson Park by the pagoda". "at" is left alone: "Oriole Park at Camden Yards".
const detailRelations: [string, Relation][] = [
  ['near', 'near'], ['by', 'near'], ['close to', 'near'], ['next to', 'next to'], ['beside', 'next to'],
  ['across from', 'across from'], ['behind', 'behind'], ['in front of', 'in front of'], ['in back of', 'behind'],
];

function startsWith(tokens: string[], at: number, phrase: string): boolean {
  const words = phrase.split(' ');
  return words.every((w, i) => tokens[at + i] === w);
}

/**
 * Turns what a recogniser heard into location words plus what surrounds them: numbers as
 * digits, fillers dropped, a leading relation ("behind", "in front of"), a trailing detail
 * ("near the reservoir") and a unit ("apartment 3B") split off.
 */
export function normalizeSpeech(text: string): NormalizedSpeech {
  let tokens = wordsToNumbers(tokenize(text));
  const out: NormalizedSpeech = { tokens: [] };

  // Leading fillers and relations, in any order ("it's right behind", "I'm at the corner of").
  for (let changed = true; changed && tokens.length > 0; ) {
    changed = false;
    const relation = leadingRelations.find(([phrase]) => startsWith(tokens, 0, phrase));
    if (relation && tokens.length > relation[0].split(' ').length) {
      if (!out.relation || out.relation === 'near') out.relation = relation[1];
      tokens = tokens.slice(relation[0].split(' ').length);
      changed = true;
      continue;
    }
    const filler = [...fillers].sort((a, b) => b.length - a.length).find((f) => startsWith(tokens, 0, f));
    if (filler && tokens.length > filler.split(' ').length) {
      tokens = tokens.slice(filler.split(' ').length);
      changed = true;
    }
  }
  if (tokens[0] === 'the' && tokens.length > 1) tokens = tokens.slice(1);
  if (startsWith(tokens, 0, 'block of')) tokens = tokens.slice(2);
  if (tokens[1] === 'block' && tokens[2] === 'of' && /^\d+$/.test(tokens[0] ?? '')) {
    tokens = [tokens[0]!, ...tokens.slice(3)];
  }

  // Trailing detail after the location.
  for (let i = 1; i < tokens.length - 1; i++) {
    const relation = detailRelations.find(([phrase]) => startsWith(tokens, i, phrase));
    if (!relation) continue;
    const rest = tokens.slice(i + relation[0].split(' ').length);
    if (rest.length === 0) continue;
    out.detail = [relation[0], ...rest].join(' ');
    out.detailRelation = relation[1];
    tokens = tokens.slice(0, i);
    break;
  }

  // Unit designator after a house number and a street.
  for (let i = 2; i < tokens.length; i++) {
    const unit = unitDesignator(tokens[i]!);
    if (!unit || !/^\d+$/.test(tokens[0] ?? '')) continue;
    const rest = tokens.slice(i + 1);
    if (unit.needsNumber && rest.length === 0) continue;
    const value = rest.join('').toUpperCase();
    out.unit = value ? `${unit.abbreviation === '#' ? '#' : `${unit.abbreviation} `}${value}` : unit.abbreviation;
    tokens = tokens.slice(0, i);
    break;
  }
  // Trailing words that name the kind of spot rather than the spot.
  while (tokens.length > 1 && ['intersection', 'area', 'please', 'thanks', 'thank', 'you'].includes(tokens.at(-1)!)) {
    tokens = tokens.slice(0, -1);
  }
  if (tokens.length > 2 && tokens.at(-1) === 'streets') tokens = tokens.slice(0, -1);
  out.tokens = tokens;
  return out;
}
