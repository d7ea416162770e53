import { splitStreet } from '../../db/names/normalize.js';
import { directionWords, suffixWord } from '../../db/names/usps.js';

const title = (word: string) => (/^\d/.test(word) ? word : word.charAt(0).toUpperCase() + word.slice(1));

/** A street's search form as we say it back: "n charles st" → "North Charles Street". */
export function spokenStreet(search: string): string {
  const parts = splitStreet(search.split(' '));
  return [
    parts.dir ? directionWords[parts.dir] : '',
    parts.core.split(' ').map(title).join(' '),
    parts.type ? title(suffixWord(parts.type)) : '',
    parts.dirSuf ? directionWords[parts.dirSuf] : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A street's search form as a postal address writes it: "n charles st" → "N Charles St". */
export function postalStreet(search: string): string {
  const parts = splitStreet(search.split(' '));
  return [
    parts.dir.toUpperCase(),
    parts.core.split(' ').map(title).join(' '),
    title(parts.type),
    parts.dirSuf.toUpperCase(),
  ]
    .filter(Boolean)
    .join(' ');
}

const unitWords: Record<string, string> = {
  APT: 'apartment', STE: 'suite', UNIT: 'unit', FL: 'floor', RM: 'room', BLDG: 'building', '#': 'number',
  BSMT: 'basement', REAR: 'rear', FRNT: 'front', UPPR: 'upper', LOWR: 'lower', PH: 'penthouse',
};

/** "APT 3B" → "apartment 3B". */
export function spokenUnit(unit: string): string {
  const [designator, ...rest] = unit.startsWith('#') ? ['#', unit.slice(1)] : unit.split(' ');
  return [unitWords[designator!] ?? designator!.toLowerCase(), ...rest].join(' ');
}
