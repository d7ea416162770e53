import type { CatalogueEntry } from '../intake/catalogue.js';
import { isClosed, open311Status } from '../requests/status.js';
import { isoCity } from './dates.js';
import type { PublicRequestRow, UpdateRow } from './queries.js';

/** GeoReport v2's attribute definition, as the catalogue stores it. */
export interface AttributeDefinition {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export function attributesOf(service: Pick<CatalogueEntry, 'attributes'>): AttributeDefinition[] {
  return (service.attributes as AttributeDefinition[]).slice().sort((a, b) => a.order - b.order);
}

/** One entry of GET services. */
export function serviceSummary(service: CatalogueEntry) {
  return {
    service_code: service.code,
    service_name: service.name,
    description: service.description,
    metadata: service.attributes.length > 0,
    // Requests are stored as they are posted, so the id comes back at once.
    type: 'realtime',
    keywords: service.keywords.en.join(', '),
    group: service.group,
  };
}

/** GET services/{code}: the service's attribute definitions. */
export function serviceDefinition(service: CatalogueEntry) {
  return {
    service_code: service.code,
    attributes: attributesOf(service).map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description ?? '',
      order: a.order,
      description: a.description,
      values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

// Runs of digits and separators with ten or more digits (a US number with area code), or a
// local "396-3500"; nine-digit confirmation numbers and dates are left alone.
const DIGIT_RUN = /\+?\(?\d[\d\s().-]{6,}\d/g;
const LOCAL_NUMBER = /(?<!\d)\d{3}[-.\s]\d{4}(?!\d)/g;
const EMAIL_LIKE = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/gi;

/**
 * Free text people wrote or said about a problem, made safe to publish: phone numbers, email
 * addresses and the caller's own names are blanked. Callers do say "call me back at…".
 */
export function publicText(text: string, names: (string | null)[] = []): string {
  let out = text
    .replace(EMAIL_LIKE, '[email removed]')
    .replace(DIGIT_RUN, (run) => (run.replace(/\D/g, '').length >= 10 ? '[number removed]' : run))
    .replace(LOCAL_NUMBER, '[number removed]');
  for (const name of names) {
    const trimmed = name?.trim();
    if (!trimmed || trimmed.length < 2) continue;
    const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), '[name removed]');
  }
  return out;
}

const STATUS_WORDS: Record<string, string> = {
  received: 'Received',
  assigned: 'Assigned',
  in_progress: 'In progress',
  completed: 'Completed',
  closed: 'Closed',
  duplicate: 'Closed as a duplicate',
  transferred: 'Transferred to another agency',
  reopened: 'Reopened',
};

function noteOf(update: UpdateRow, names: (string | null)[]) {
  const summary =
    update.kind === 'status' && update.status
      ? `Status: ${STATUS_WORDS[update.status] ?? update.status}`
      : update.kind === 'expected'
        ? 'Expected date set'
        : 'Note';
  return {
    type: update.kind,
    datetime: isoCity(update.createdAt),
    summary,
    description: publicText(update.note, names),
  };
}

/** Who writes a request's history besides the city: the line itself, and callers adding to it. */
const NOT_THE_CITY = new Set(['system', 'caller']);

/**
 * status_notes is the city's field: the outcome once closed, otherwise the latest word from the
 * department working on it. A caller's follow-up ("it's still not fixed") stays in the notes.
 */
function statusNotes(row: PublicRequestRow, updates: UpdateRow[], names: (string | null)[]): string {
  if (isClosed(row.status) && row.outcome) return publicText(row.outcome, names);
  for (let i = updates.length - 1; i >= 0; i--) {
    const u = updates[i]!;
    if (!NOT_THE_CITY.has(u.author) && u.note) return publicText(u.note, names);
  }
  return '';
}

/** One service request as GeoReport v2 shows it, with the notes/channel/duplicate extensions. */
export function publicRequest(row: PublicRequestRow, updates: UpdateRow[] = []) {
  const names = [row.firstName, row.lastName];
  return {
    service_request_id: row.confirmation,
    status: open311Status(row.status),
    status_notes: statusNotes(row, updates, names),
    service_name: row.serviceName ?? '',
    service_code: row.serviceCode,
    description: publicText(row.description, names),
    agency_responsible: row.agency ?? row.agencyCode,
    service_notice: '',
    requested_datetime: isoCity(row.requestedAt),
    updated_datetime: isoCity(row.updatedAt),
    expected_datetime: isoCity(row.expectedAt),
    address: row.addressString ?? '',
    // The city has no master address repository these ids could come from.
    address_id: '',
    zipcode: '',
    lat: row.lat,
    long: row.long,
    media_url: row.mediaUrl ?? '',
    channel: row.channel,
    report_count: row.reportCount,
    duplicate: row.status === 'duplicate',
    parent_service_request_id: row.parentConfirmation ?? '',
    // An extension, like channel: what the caller asked the city to do, in their own words.
    requested_action: publicText(row.requestedAction, names),
    notes: updates.map((u) => noteOf(u, names)),
  };
}

export type PublicRequest = ReturnType<typeof publicRequest>;
