import { isGenericName } from '../../db/names/generic.js';
import { splitStreet, streetSearch, type StreetParts } from '../../db/names/normalize.js';
import { suffixAbbreviation, suffixWord } from '../../db/names/usps.js';
import { normalizeSpeech, type Relation } from './normalize.js';

/** A street as the caller named it, in search form and split into parts. */
export interface StreetQuery extends StreetParts {
  /** "n charles st" */
  search: string;
  /** Name and type without direction, types said in full: "charles street". */
  plain: string;
}

interface Said {
  /** Where the problem is relative to the location: "behind", "in front of"… */
  relation?: Relation;
  /** "near the reservoir", "by the pagoda": the detail as said. */
  detail?: string;
  detailRelation?: Relation;
  /** Words before the relation that name no place: "alley" in "the alley behind 2100 Eastern Avenue". */
  lead?: string;
}

export type ParsedLocation =
  | ({ kind: 'address'; houseNumber: string; street: StreetQuery; unit?: string } & Said)
  | ({ kind: 'intersection'; streetA: StreetQuery; streetB: StreetQuery } & Said)
  | ({ kind: 'place'; name: string } & Said)
  | ({ kind: 'street'; street: StreetQuery } & Said)
  | { kind: 'empty' };

/** Suffixes that end the names of places more often than of streets. */
const placeEndings = new Set(['park', 'sq', 'ctr', 'plz', 'mall', 'sta', 'hbr', 'mkt', 'yds', 'pt', 'cmn']);
const placeWords = new Set(['market', 'stadium', 'station', 'school', 'library', 'church', 'museum', 'aquarium',
  'hospital', 'center', 'centre', 'monument', 'tower', 'cemetery', 'zoo', 'harbor', 'field', 'hall', 'reservoir']);

export function streetQuery(tokens: string[]): StreetQuery {
  const parts = splitStreet(tokens);
  const plain = [parts.core, parts.type ? suffixWord(parts.type) : ''].filter(Boolean).join(' ');
  return { ...parts, search: streetSearch(parts), plain };
}

function said(speech: { relation?: Relation; detail?: string; detailRelation?: Relation }): Said {
  const out: Said = {};
  if (speech.relation && speech.relation !== 'corner') out.relation = speech.relation;
  if (speech.detail) out.detail = speech.detail;
  if (speech.detailRelation) out.detailRelation = speech.detailRelation;
  return out;
}

/** Reads a spoken location: an address, a corner, a place (with "near X"), or a street alone. */
export function parseLocation(text: string): ParsedLocation {
  const speech = normalizeSpeech(text);
  const tokens = speech.tokens;
  if (tokens.length === 0) return { kind: 'empty' };
  // "The alley behind 2100 Eastern Avenue": the place is what follows the relation.
  if (speech.detail && isGenericName(tokens.join(' '))) {
    const inner = parseLocation(speech.detail);
    if (inner.kind !== 'empty') return { ...inner, lead: tokens.join(' '), relation: inner.relation ?? 'near' };
  }
  // "The corner store at North and Charles": "at" is left inside names ("Oriole Park at Camden
  // Yards"), so it splits only after words that name no place.
  const at = tokens.indexOf('at');
  if (at > 0 && at < tokens.length - 1 && isGenericName(tokens.slice(0, at).join(' '))) {
    const inner = parseLocation([...tokens.slice(at + 1), speech.detail ?? ''].join(' '));
    if (inner.kind !== 'empty') return { ...inner, lead: tokens.slice(0, at).join(' '), relation: inner.relation ?? 'at' };
  }
  const around = said(speech);

  const and = tokens.findIndex((t, i) => i > 0 && i < tokens.length - 1 && (t === 'and' || t === 'at'));
  const first = tokens[0]!;
  if (/^\d+$/.test(first) && tokens.length > 1 && (and < 0 || speech.relation !== 'corner')) {
    const streetTokens = and > 0 ? tokens.slice(1, and) : tokens.slice(1);
    return {
      kind: 'address',
      houseNumber: first,
      street: streetQuery(streetTokens),
      ...(speech.unit ? { unit: speech.unit } : {}),
      ...around,
    };
  }
  const lastWord = tokens.at(-1)!;
  const looksLikePlace = placeWords.has(lastWord) || placeEndings.has(suffixAbbreviation(lastWord) ?? '');
  // "and" joins two streets unless the words name a place ("Calvert and Federal Park");
  // "at" only after "corner of", since it sits inside names ("Oriole Park at Camden Yards").
  if (and > 0 && (tokens[and] === 'and' || speech.relation === 'corner') && (!looksLikePlace || speech.relation === 'corner')) {
    return {
      kind: 'intersection',
      streetA: streetQuery(tokens.slice(0, and)),
      streetB: streetQuery(tokens.slice(and + 1)),
      ...around,
    };
  }
  const isStreet = !looksLikePlace && suffixAbbreviation(lastWord) !== undefined && tokens.length > 1;
  if (isStreet) return { kind: 'street', street: streetQuery(tokens), ...around };
  return { kind: 'place', name: tokens.join(' '), ...around };
}
