import { tokenize } from './normalize.js';
import { suffixWord } from './usps.js';

/**
 * Words that say what kind of place something is, not which one: "the alley behind my house",
 * "the old blue warehouse by the tracks". A caller who gives only these has given no place we can
 * find, and the city's files hold hundreds of properties named just so (MIHP's "House",
 * "Warehouse", "Alley houses", "Map only"): matched, they read a confident wrong place back.
 */
const kindWords = new Set([
  // Homes and buildings.
  'house', 'houses', 'home', 'homes', 'rowhouse', 'rowhouses', 'townhouse', 'townhouses', 'row', 'rows', 'building',
  'buildings', 'apartment', 'apartments', 'apt', 'complex', 'warehouse', 'warehouses', 'factory', 'garage', 'garages',
  'shed', 'barn', 'stable', 'stables', 'carriage', 'mansion', 'cottage', 'dwelling', 'tenement', 'storefront', 'annex',
  'porch', 'stoop', 'yard', 'backyard', 'driveway', 'basement', 'roof', 'steps', 'fence', 'gate',
  // Shops and services.
  'store', 'stores', 'shop', 'shops', 'market', 'bakery', 'pub', 'bar', 'saloon', 'tavern', 'restaurant', 'diner',
  'carryout', 'drugstore', 'pharmacy', 'hardware', 'emporium', 'bank', 'office', 'offices', 'hotel', 'motel', 'laundromat',
  'liquor', 'gas', 'mall', 'plaza', 'commercial', 'industrial', 'residential', 'mixed', 'use', 'undertaker',
  // Institutions.
  'church', 'chapel', 'school', 'schoolhouse', 'library', 'hospital', 'clinic', 'center', 'centre', 'firehouse',
  'stadium', 'field', 'court', 'courts', 'playground', 'park', 'lot', 'lots', 'parking', 'cemetery', 'graveyard',
  // Streets and the like.
  'street', 'streets', 'road', 'roads', 'avenue', 'alley', 'alleys', 'alleyway', 'lane', 'block', 'corner', 'intersection',
  'sidewalk', 'curb', 'gutter', 'crosswalk', 'highway', 'expressway', 'ramp', 'bridge', 'tunnel', 'underpass', 'overpass',
  'tracks', 'track', 'railroad', 'railway', 'station', 'stop', 'bus', 'light', 'pole', 'hydrant', 'tree', 'dumpster', 'trash',
  'can', 'drain', 'sewer', 'manhole', 'pothole', 'hole',
  // Vague places.
  'place', 'spot', 'area', 'site', 'property', 'neighborhood', 'neighbourhood', 'community', 'city', 'town', 'way',
]);

/** Words that describe or point rather than name. */
const pointingWords = new Set([
  'the', 'a', 'an', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'this', 'that', 'these', 'those', 'some', 'somewhere',
  'here', 'there', 'every', 'all', 'and', 'or', 'of', 'with', 'for', 'to', 'from', 'in', 'on', 'at', 'by', 'no', 'number', '#',
  'old', 'new', 'big', 'small', 'little', 'large', 'huge', 'tall', 'long', 'abandoned', 'vacant', 'empty', 'boarded', 'up',
  'burned', 'burnt', 'former', 'demolished', 'map', 'only', 'double', 'single', 'brick', 'stone', 'frame', 'wooden', 'metal',
  'red', 'blue', 'green', 'white', 'black', 'brown', 'yellow', 'gray', 'grey', 'orange', 'pink', 'purple',
  'back', 'front', 'side', 'rear', 'next', 'door', 'behind', 'across', 'near', 'nearby', 'local', 'public', 'private',
  'neighbor', 'neighbors', 'neighbour', 'neighbours', 'same', 'other', 'usual', 'one', 'ones', 'dont', 'know',
  'not', 'sure', 'um', 'uh', 'just', 'like', 'kind', 'sort', 'type',
]);

/** A bare number, not an ordinal: "33rd" names a street. */
const isNumber = (t: string) => /^\d+$/.test(t);

/** Whether the word, or the word a USPS abbreviation stands for ("sta" → station), is generic. */
function generic(word: string, vocabulary: Set<string>): boolean {
  return vocabulary.has(word) || vocabulary.has(suffixWord(word).toLowerCase());
}

/**
 * Whether a name names no particular place: every word is a kind of place, a pointer or a
 * describer, or a bare number ("my house", "old blue warehouse", "House 12", "school # 100",
 * "alley houses and garage"). "Church Street", "Patterson Park" and "the aquarium" are names.
 */
export function isGenericName(text: string): boolean {
  const words = tokenize(text);
  if (words.length === 0) return true;
  return words.every((w) => isNumber(w) || generic(w, kindWords) || generic(w, pointingWords));
}

/**
 * Whether a street's own name (without its type) only points or describes: "my street",
 * "the back alley". Kind words stay: "Church Street" and "School Street" are real streets.
 */
export function isPointingName(core: string): boolean {
  const words = tokenize(core);
  if (words.length === 0) return true;
  return words.every((w) => isNumber(w) || pointingWords.has(w) || w === 'alley' || w === 'alleys');
}
