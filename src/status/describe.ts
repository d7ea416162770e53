import type { Language, Speech } from '../flow/step-api.js';
import { CONFIRMATION_GROUPS } from '../requests/confirmation.js';
import { isClosed, spokenStatus, type RequestStatus } from '../requests/status.js';
import type { RequestSummary } from './queries.js';
import { spokenPlace, spokenStreetOf } from './spoken-place.js';

const TIME_ZONE = 'America/New_York';

/** A confirmation number read digit by digit in groups of three. */
export const confirmationSpeech = (confirmation: string): Speech => ({ digits: confirmation, groups: CONFIRMATION_GROUPS });

/** "Pothole, at 1200 North Charles Street" / "Bache, en 1200 North Charles Street". */
export function whatAndWhere(
  r: { serviceNames: { en: string; es: string } | null; addressString: string | null; locationWords: string | null },
  language: Language,
): string {
  const what = r.serviceNames?.[language] ?? (language === 'es' ? 'un reporte' : 'a report');
  const place = spokenPlace(r.addressString, r.locationWords);
  if (!place) return what;
  return `${what}, ${language === 'es' ? 'en' : 'at'} ${place}`;
}

/** "Pothole, at North Charles Street": the type and the street only, for a caller known by number alone. */
export function whatAndStreet(
  r: { serviceNames: { en: string; es: string } | null; addressString: string | null },
  language: Language,
): string {
  const what = r.serviceNames?.[language] ?? (language === 'es' ? 'un reporte' : 'a report');
  const street = spokenStreetOf(r.addressString);
  return street ? `${what}, ${language === 'es' ? 'en' : 'at'} ${street}` : what;
}

/**
 * Everything the caller hears about a request: what and where, when reported, the status in
 * plain words, and the last update or the closing date, with the department's expected date.
 */
export function describeRequest(r: RequestSummary, language: Language, now: Date = new Date()): Speech[] {
  const es = language === 'es';
  const out: Speech[] = [
    es ? 'Solicitud' : 'Request',
    confirmationSpeech(r.confirmation),
    `: ${whatAndWhere(r, language)}, ${es ? 'reportada' : 'reported'} ${on(r.requestedAt, language, now)}.`,
  ];
  const status = statusWords(r.status, language);
  if (r.status === 'duplicate' && r.parentConfirmation) {
    out.push(es ? 'La solicitud fue cerrada como duplicado de la solicitud' : 'It was closed as a duplicate of request', confirmationSpeech(r.parentConfirmation));
    if (r.parentStatus) out.push(`${es ? ', que' : ', which'} ${statusWords(r.parentStatus, language)}.`);
    else out.push('.');
  } else {
    out.push(`${es ? 'La solicitud' : 'It'} ${status}.`);
  }
  if (isClosed(r.status)) {
    if (r.closedAt) out.push(es ? `Se cerró ${on(r.closedAt, language, now)}.` : `It was closed ${on(r.closedAt, language, now)}.`);
    return out;
  }
  out.push(es ? `Se actualizó por última vez ${on(r.lastUpdateAt, language, now)}.` : `It was last updated ${on(r.lastUpdateAt, language, now)}.`);
  if (r.expectedAt) {
    const due = by(r.expectedAt, language, now);
    const future = dayKey(r.expectedAt) >= dayKey(now);
    out.push(
      es
        ? `El departamento ${future ? 'espera' : 'esperaba'} terminarla ${due}.`
        : `The department ${future ? 'expects' : 'expected'} to finish it ${due}.`,
    );
  }
  return out;
}

function statusWords(status: string, language: Language): string {
  const known = spokenStatus[status as RequestStatus];
  if (known) return known[language];
  // A status a department added that the vocabulary lacks: say at least open or closed.
  if (isClosed(status)) return language === 'es' ? 'fue cerrada' : 'has been closed';
  return language === 'es' ? 'está abierta' : 'is open';
}

/** "on March 3" / "today" / "el 3 de marzo" / "hoy". */
export function on(date: Date, language: Language, now: Date): string {
  const day = relativeDay(date, language, now);
  if (day) return day;
  return language === 'es' ? `el ${calendarDate(date, language, now)}` : `on ${calendarDate(date, language, now)}`;
}

/** "by March 20" / "by today" / "para el 20 de marzo" / "para hoy". */
function by(date: Date, language: Language, now: Date): string {
  const day = relativeDay(date, language, now);
  if (language === 'es') return day ? `para ${day}` : `para el ${calendarDate(date, language, now)}`;
  return `by ${day ?? calendarDate(date, language, now)}`;
}

function relativeDay(date: Date, language: Language, now: Date): string | undefined {
  const diff = Math.round((Date.parse(dayKey(date)) - Date.parse(dayKey(now))) / 86_400_000);
  if (diff === 0) return language === 'es' ? 'hoy' : 'today';
  if (diff === -1) return language === 'es' ? 'ayer' : 'yesterday';
  if (diff === 1) return language === 'es' ? 'mañana' : 'tomorrow';
  return undefined;
}

function calendarDate(date: Date, language: Language, now: Date): string {
  const sameYear = dayKey(date).slice(0, 4) === dayKey(now).slice(0, 4);
  return new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', {
    timeZone: TIME_ZONE,
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** The calendar day in Baltimore, "2025-03-03": dates are said as the caller's clock reads them. */
function dayKey(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
