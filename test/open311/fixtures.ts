import { randomUUID } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { DbOrTx } from '../../db/client.js';
import { createApiClient } from '../../src/open311/api-keys.js';
import { createRequest, type NewRequest } from '../../src/requests/create.js';

/** Inside the city (City Hall) and outside it (Towson, Baltimore County). */
export const CITY_HALL = { lat: 39.2908, long: -76.6108 };
export const TOWSON = { lat: 39.4015, long: -76.6019 };

export const CALLER = { number: '+14105550123', firstName: 'Marguerite', lastName: 'Oduya', email: 'marguerite@example.org' };

/** A request taken on the phone line, as intake stores it. */
export async function insertPhoneRequest(db: DbOrTx, overrides: Partial<NewRequest> = {}) {
  const { request } = await createRequest(db, {
    idempotencyKey: `test:${randomUUID()}`,
    serviceCode: 'potholes',
    agency: 'transportation',
    channel: 'phone',
    description: 'Deep pothole in the right lane',
    callerNumber: CALLER.number,
    firstName: CALLER.firstName,
    lastName: CALLER.lastName,
    email: CALLER.email,
    callSid: `CA${randomUUID().replace(/-/g, '')}`,
    addressString: '100 N Holliday St, Baltimore, MD',
    ...CITY_HALL,
    ...overrides,
  });
  return request;
}

export async function newClientKey(db: DbOrTx, name = 'Test client'): Promise<string> {
  return (await createApiClient(db, name)).key;
}

const LISTS = new Set(['request', 'service', 'error', 'attribute', 'value', 'note', 'endpoint', 'format']);
const parser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, isArray: (name) => LISTS.has(name) });

/** Parses a GeoReport XML answer after checking it is well-formed and declares UTF-8. */
export function parseXml(body: string): Record<string, any> {
  expect(XMLValidator.validate(body)).toBe(true);
  expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  return parser.parse(body);
}

/** The keys GeoReport v2 defines for a service request, with the extensions we add. */
export const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description',
  'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime',
  'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
  'channel', 'report_count', 'duplicate', 'parent_service_request_id', 'requested_action', 'notes',
];

export const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
