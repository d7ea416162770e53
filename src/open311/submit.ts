import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Db } from '../../db/client.js';
import { services } from '../../db/schema/index.js';
import { districtsFor } from '../location/districts.js';
import { resolveLocation } from '../location/resolve.js';
import { createRequest } from '../requests/create.js';
import type { ServiceRequest } from '../../db/schema/index.js';
import { parseIsoDate } from './dates.js';
import { InvalidParameter, LocationRejected, NotFound } from './errors.js';
import { attributesOf, type AttributeDefinition } from './serialize.js';

export const MAX_DESCRIPTION = 4000;
const MAX_NAME = 100;
const MAX_ADDRESS = 500;
const MAX_URL = 2048;
const MAX_ATTRIBUTE_TEXT = 1000;

/** A POST requests body after form or JSON parsing: flat values, repeated keys as arrays. */
export type PostParams = Record<string, unknown>;

export interface SubmitContext {
  clientId: number;
  /** The client's Idempotency-Key header: a retried POST answers the request it already made. */
  idempotencyKey?: string | undefined;
}

function text(params: PostParams, name: string, maxLength: number): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new InvalidParameter(`${name} must be a single value`);
  const s = String(value).trim();
  if (s.length > maxLength) throw new InvalidParameter(`${name} must be at most ${maxLength} characters`);
  return s || undefined;
}

function coordinate(params: PostParams, name: 'lat' | 'long', min: number, max: number): number | undefined {
  const raw = text(params, name, 40);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidParameter(`${name} must be a number between ${min} and ${max}`);
  return n;
}

/**
 * attribute[code] values, from a form ("attribute[code]=v", "attribute[code][]=v") or JSON
 * ({"attribute": {"code": v}}).
 */
export function attributeValues(params: PostParams): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const nested = params.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, value] of Object.entries(nested)) out.set(code, value);
  }
  for (const [key, value] of Object.entries(params)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!m) continue;
    const code = m[1]!;
    const previous = out.get(code);
    out.set(code, previous === undefined ? value : ([] as unknown[]).concat(previous, value));
  }
  return out;
}

function listOf(value: unknown): string[] {
  return ([] as unknown[]).concat(value).filter((v) => v !== '' && v !== null && v !== undefined).map(String);
}

/** Checks attribute values against the service's definitions; returns what to store. */
export function checkAttributes(definitions: AttributeDefinition[], given: Map<string, unknown>): Record<string, unknown> {
  const byCode = new Map(definitions.filter((d) => d.variable).map((d) => [d.code, d]));
  for (const code of given.keys()) {
    if (!byCode.has(code)) throw new InvalidParameter(`attribute[${code}] is not an attribute of this service`);
  }
  const stored: Record<string, unknown> = {};
  for (const def of byCode.values()) {
    const values = listOf(given.get(def.code));
    const label = `attribute[${def.code}]`;
    if (values.length === 0) {
      if (def.required) throw new InvalidParameter(`${label} is required: ${def.description}`);
      continue;
    }
    const keys = new Set((def.values ?? []).map((v) => v.key));
    switch (def.datatype) {
      case 'singlevaluelist':
        if (values.length !== 1) throw new InvalidParameter(`${label} takes one value`);
        if (!keys.has(values[0]!)) throw new InvalidParameter(`${label} must be one of: ${[...keys].join(', ')}`);
        stored[def.code] = values[0];
        break;
      case 'multivaluelist':
        for (const v of values) {
          if (!keys.has(v)) throw new InvalidParameter(`${label} values must be among: ${[...keys].join(', ')}`);
        }
        stored[def.code] = [...new Set(values)];
        break;
      case 'number': {
        const n = Number(values[0]);
        if (values.length !== 1 || values[0]!.trim() === '' || !Number.isFinite(n)) throw new InvalidParameter(`${label} must be a number`);
        stored[def.code] = n;
        break;
      }
      case 'datetime': {
        const d = values.length === 1 ? parseIsoDate(values[0]!) : undefined;
        if (!d) throw new InvalidParameter(`${label} must be an ISO 8601 date and time with a time zone`);
        stored[def.code] = d.toISOString();
        break;
      }
      default:
        if (values.length !== 1) throw new InvalidParameter(`${label} takes one value`);
        if (values[0]!.length > MAX_ATTRIBUTE_TEXT) throw new InvalidParameter(`${label} must be at most ${MAX_ATTRIBUTE_TEXT} characters`);
        stored[def.code] = values[0];
    }
  }
  return stored;
}

interface Placed {
  addressString: string | null;
  lat: number;
  long: number;
  precision: string;
  placeId?: number;
  neighborhood: string;
  councilDistrict: string;
  policeDistrict: string;
  needsReview: boolean;
}

// Clients send postal addresses; the gazetteer knows the city, so the city, state and ZIP only
// get in the way of the match.
const CITY_SUFFIX = /,?\s*(\bbaltimore(\s+city)?)?\s*,?\s*(\b(md|maryland))?\s*,?\s*(\d{5}(-\d{4})?)?\s*,?\s*(\b(usa?|united states))?\s*$/i;

async function place(db: Db, params: PostParams): Promise<Placed> {
  const lat = coordinate(params, 'lat', -90, 90);
  const long = coordinate(params, 'long', -180, 180);
  const addressString = text(params, 'address_string', MAX_ADDRESS);
  const addressId = text(params, 'address_id', 100);
  if ((lat === undefined) !== (long === undefined)) throw new InvalidParameter('lat and long must be sent together');

  if (lat !== undefined && long !== undefined) {
    const d = await districtsFor(db, lat, long);
    if (!d.neighborhood && !d.councilDistrict && !d.park) {
      throw new LocationRejected('lat/long is outside Baltimore City; report it to the county or town it is in');
    }
    return {
      addressString: addressString ?? null,
      lat,
      long,
      precision: 'point',
      neighborhood: d.neighborhood ?? '',
      councilDistrict: d.councilDistrict ?? '',
      policeDistrict: d.policeDistrict ?? '',
      needsReview: false,
    };
  }
  if (addressString) {
    const query = addressString.replace(CITY_SUFFIX, '').trim() || addressString;
    const found = await resolveLocation(db, query);
    switch (found.kind) {
      case 'resolved':
        return {
          addressString: found.addressString,
          lat: found.lat,
          long: found.long,
          precision: found.precision,
          ...(found.placeId !== undefined ? { placeId: found.placeId } : {}),
          neighborhood: found.neighborhood,
          councilDistrict: found.councilDistrict,
          policeDistrict: found.policeDistrict,
          // A street or a whole neighbourhood is too vague for a crew to find the problem.
          needsReview: found.precision === 'street' || found.precision === 'neighborhood',
        };
      case 'outside-city':
        throw new LocationRejected(`address_string "${found.name}" is outside Baltimore City; report it to the county or town it is in`);
      case 'outside-range': {
        const range = found.minAddress !== null && found.maxAddress !== null ? ` (its numbers run ${found.minAddress} to ${found.maxAddress})` : '';
        throw new LocationRejected(`address_string: there is no ${found.houseNumber} ${found.street}${range}`);
      }
      case 'unresolved':
        throw new LocationRejected('address_string could not be found in Baltimore City; send lat and long, or a street address or intersection');
    }
  }
  if (addressId) throw new InvalidParameter('address_id is not supported here: send lat and long, or address_string');
  throw new InvalidParameter('a location is required: lat and long, or address_string');
}

function phoneOf(params: PostParams): string | undefined {
  const raw = text(params, 'phone', 40);
  if (!raw) return undefined;
  const parsed = parsePhoneNumberFromString(raw, 'US');
  if (!parsed?.isValid()) throw new InvalidParameter('phone is not a valid phone number');
  return parsed.number;
}

function emailOf(params: PostParams): string | undefined {
  const email = text(params, 'email', 254);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new InvalidParameter('email is not a valid email address');
  return email;
}

function mediaUrlOf(params: PostParams): string | undefined {
  const url = text(params, 'media_url', MAX_URL);
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidParameter('media_url must be an http or https URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidParameter('media_url must be an http or https URL');
  return parsed.toString();
}

/**
 * POST requests: validates everything a client sent, places it with the phone line's own
 * resolver and creates the request (once per Idempotency-Key).
 */
export async function submitRequest(db: Db, params: PostParams, ctx: SubmitContext): Promise<{ request: ServiceRequest; created: boolean }> {
  const serviceCode = text(params, 'service_code', 100);
  if (!serviceCode) throw new InvalidParameter('service_code was not provided');
  const [service] = await db.select().from(services).where(eq(services.code, serviceCode));
  if (!service || !service.active) throw new NotFound(`service_code "${serviceCode}" is not a service of this endpoint`);

  const description = text(params, 'description', MAX_DESCRIPTION) ?? '';
  const attributes = checkAttributes(attributesOf(service), attributeValues(params));
  const firstName = text(params, 'first_name', MAX_NAME);
  const lastName = text(params, 'last_name', MAX_NAME);
  const email = emailOf(params);
  const phone = phoneOf(params);
  const mediaUrl = mediaUrlOf(params);
  text(params, 'device_id', 200);
  text(params, 'account_id', 200);
  const where = await place(db, params);

  const idempotencyKey = ctx.idempotencyKey
    ? `open311:${ctx.clientId}:${ctx.idempotencyKey}`
    : `open311:${ctx.clientId}:${randomUUID()}`;
  return db.transaction((tx) =>
    createRequest(tx, {
      idempotencyKey,
      serviceCode: service.code,
      description,
      channel: 'open311',
      agency: service.departmentCode,
      callerNumber: phone ?? null,
      firstName: firstName ?? null,
      lastName: lastName ?? null,
      email: email ?? null,
      addressString: where.addressString,
      lat: where.lat,
      long: where.long,
      precision: where.precision,
      placeId: where.placeId ?? null,
      neighborhood: where.neighborhood || null,
      councilDistrict: where.councilDistrict || null,
      policeDistrict: where.policeDistrict || null,
      needsReview: where.needsReview,
      attributes,
      mediaUrl: mediaUrl ?? null,
    }),
  );
}
