import { parseIsoDate } from './dates.js';
import { InvalidParameter } from './errors.js';
import type { RequestFilters } from './queries.js';

/** The spec's longest span between start_date and end_date, and its default window. */
export const MAX_SPAN_DAYS = 90;
export const MAX_PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidParameter(`${name} must be given once`);
  return value.trim();
}

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  return items.length ? items : undefined;
}

function date(query: Record<string, unknown>, name: string): Date | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  const d = parseIsoDate(raw);
  if (!d) throw new InvalidParameter(`${name} must be an ISO 8601 date, with a time zone when it has a time (2024-05-01T00:00:00-04:00)`);
  return d;
}

function positiveInt(query: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new InvalidParameter(`${name} must be a whole number from 1 to ${max}`);
  }
  return Number(raw);
}

/**
 * GET requests parameters as the spec defines them, plus page/page_size and updated_after.
 * Without dates the window is the last 90 days; one date alone opens a 90-day window from it;
 * updated_after alone lifts the window, so a client can sync every change since its last visit.
 */
export function parseRequestFilters(query: Record<string, unknown>, now: Date = new Date()): RequestFilters {
  const page = positiveInt(query, 'page', 1, 1_000_000);
  const pageSize = positiveInt(query, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const ids = commaList(single(query, 'service_request_id'));
  if (ids) {
    if (ids.length > MAX_PAGE_SIZE) throw new InvalidParameter(`service_request_id lists at most ${MAX_PAGE_SIZE} ids`);
    const bad = ids.find((id) => !/^\d{1,20}$/.test(id));
    if (bad) throw new InvalidParameter(`service_request_id "${bad}" is not a service request id`);
    return { ids, page, pageSize };
  }

  const status = single(query, 'status')?.toLowerCase();
  const statuses = commaList(status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new InvalidParameter('status must be open or closed');
  const updatedAfter = date(query, 'updated_after');
  let start = date(query, 'start_date');
  let end = date(query, 'end_date');
  if (start && end) {
    if (start > end) throw new InvalidParameter('start_date must be before end_date');
    if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY_MS) {
      throw new InvalidParameter(`start_date and end_date must be at most ${MAX_SPAN_DAYS} days apart`);
    }
  } else if (start) end = new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS);
  else if (end) start = new Date(end.getTime() - MAX_SPAN_DAYS * DAY_MS);
  else if (!updatedAfter) {
    end = now;
    start = new Date(now.getTime() - MAX_SPAN_DAYS * DAY_MS);
  }

  return {
    ...(commaList(single(query, 'service_code')) ? { serviceCodes: commaList(single(query, 'service_code'))! } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    // "open,closed" asks for both, which is no filter at all.
    ...(statuses?.length === 1 ? { status: statuses[0] as 'open' | 'closed' } : {}),
    ...(updatedAfter ? { updatedAfter } : {}),
    page,
    pageSize,
  };
}
