import { spokenStreet, spokenUnit } from '../location/spoken.js';
import { directionWords, suffixWord } from '../../db/names/usps.js';

const CITY = /,\s*Baltimore(,\s*MD)?(\s+\d{5}(-\d{4})?)?\s*$/i;
const UNIT = /\s+((?:APT|STE|UNIT|FL|RM|BLDG|BSMT|REAR|FRNT|UPPR|LOWR|PH)\b.*|#\s*\S+.*)$/;
const NUMBERED = /^((?:[a-z]+ )*)(\d+[A-Za-z]?)\s+(.+)$/;

/**
 * A request's place as the status line says it: the Open311 address_string written out for the
 * voice ("1200 N Charles St APT 3, Baltimore, MD" → "1200 North Charles Street, apartment 3"),
 * or the caller's own words when the report has no address.
 */
export function spokenPlace(addressString: string | null, locationWords: string | null): string | undefined {
  const address = addressString?.replace(CITY, '').trim();
  if (!address) return locationWords?.trim() || undefined;
  const [first, ...details] = address.split(/\s*,\s*/);
  const main = first!
    .split(/\s+&\s+/)
    .map(spokenPiece)
    .join(' and ');
  return [main, ...details].filter(Boolean).join(', ');
}

/**
 * Only the street (or landmark) of a request's address: no house number, no unit, never the
 * caller's own words. What may be said to whoever calls from the reporter's number, which caller
 * ID alone does not prove is the reporter ("1200 North Charles Street, apartment 3" → "North
 * Charles Street").
 */
export function spokenStreetOf(addressString: string | null): string | undefined {
  const address = addressString?.replace(CITY, '').trim();
  if (!address) return undefined;
  const [first] = address.split(/\s*,\s*/);
  const streets = first!.split(/\s+&\s+/).map(streetOnly).filter(Boolean);
  return streets.length ? streets.join(' and ') : undefined;
}

function streetOnly(piece: string): string {
  const unit = UNIT.exec(piece);
  const body = (unit ? piece.slice(0, unit.index) : piece).trim();
  const numbered = NUMBERED.exec(body);
  const street = numbered ? numbered[3]! : body;
  return isPostalStreet(street) ? spokenStreet(street.toLowerCase().split(/\s+/).join(' ')) : street;
}

function spokenPiece(piece: string): string {
  const unit = UNIT.exec(piece);
  const body = unit ? piece.slice(0, unit.index) : piece;
  const numbered = NUMBERED.exec(body);
  // "near 1200 N Charles St": the relation is lower case, the street is postal.
  const street = numbered ? numbered[3]! : body;
  const spoken = isPostalStreet(street) ? spokenStreet(street.toLowerCase().split(/\s+/).join(' ')) : street;
  const parts = numbered ? [`${numbered[1]}${numbered[2]} ${spoken}`] : [spoken];
  if (unit) parts.push(spokenUnit(unit[1]!.trim()));
  return parts.join(', ');
}

/**
 * Whether a name is written the postal way ("N Charles St", "Falls Rd"): only those are expanded,
 * so a landmark keeps its own spelling ("BMA", "McHenry").
 */
function isPostalStreet(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  const first = words[0];
  const last = words.at(-1)?.toLowerCase();
  if (words.length > 1 && first && /^[NSEW]{1,2}$/.test(first) && directionWords[first.toLowerCase()]) return true;
  return words.length > 1 && last !== undefined && suffixWord(last) !== last;
}
