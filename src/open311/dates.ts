/** The city the service answers for: dates are shown with its UTC offset (-05:00 or -04:00). */
export const CITY_TIME_ZONE = 'America/New_York';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** ISO 8601 in the city's time zone with its offset, as GeoReport asks: "2024-05-01T09:30:00-04:00". */
export function isoCity(date: Date | null | undefined): string | null {
  if (!date) return null;
  const p: Record<string, string> = {};
  for (const { type, value } of parts.formatToParts(date)) p[type] = value;
  // "GMT-04:00"; plain "GMT" when the offset is zero.
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Parses a GeoReport date parameter. A time must carry its zone (the spec requires one; a bare
 * local time would silently mean the server's zone); a bare date means midnight UTC.
 */
export function parseIsoDate(text: string): Date | undefined {
  if (!ISO_8601.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
