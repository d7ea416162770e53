import { parsePhoneNumberFromString } from 'libphonenumber-js';

// What carriers send when the caller withholds their number (Twilio shows +266696687 for it).
const WITHHELD = new Set(['anonymous', 'restricted', 'unknown', 'private', 'unavailable', '+266696687', '266696687']);

/** The caller's number in E.164, or undefined when withheld or not a callable number. */
export function callerNumber(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  if (!value || value.length > 32 || WITHHELD.has(value.toLowerCase())) return undefined;
  const parsed = parsePhoneNumberFromString(value, 'US');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Whether a dialled number is the given configured line (311 short code or a full number). */
export function sameNumber(dialled: unknown, configured: string): boolean {
  if (typeof dialled !== 'string') return false;
  if (dialled.trim() === configured.trim()) return true;
  const a = parsePhoneNumberFromString(dialled, 'US');
  const b = parsePhoneNumberFromString(configured, 'US');
  return Boolean(a && b && a.number === b.number);
}
