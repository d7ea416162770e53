import { sql } from 'drizzle-orm';
import {
  bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Service requests, from the phone line and the Open311 API alike. */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The confirmation number read to the caller, and the Open311 service_request_id. */
    confirmation: text('confirmation').notNull(),
    serviceCode: text('service_code').notNull(),
    status: text('status').notNull().default('received'),
    description: text('description').notNull().default(''),
    requestedAction: text('requested_action').notNull().default(''),
    callerNumber: text('caller_number'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    channel: text('channel').notNull(),
    /** What makes a retried webhook or API call find the request it already made. */
    idempotencyKey: text('idempotency_key'),
    callSid: text('call_sid'),
    addressString: text('address_string'),
    lat: doublePrecision('lat'),
    long: doublePrecision('long'),
    precision: text('precision'),
    placeId: integer('place_id'),
    locationWords: text('location_words'),
    locationDetail: text('location_detail'),
    neighborhood: text('neighborhood'),
    councilDistrict: text('council_district'),
    policeDistrict: text('police_district'),
    needsReview: boolean('needs_review').notNull().default(false),
    reportCount: integer('report_count').notNull().default(1),
    wantsText: boolean('wants_text').notNull().default(false),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    mediaUrl: text('media_url'),
    agency: text('agency').notNull(),
    outcome: text('outcome'),
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
    expectedAt: timestamp('expected_at', { withTimezone: true }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('service_requests_confirmation_idx').on(t.confirmation),
    uniqueIndex('service_requests_idempotency_idx').on(t.idempotencyKey),
    index('service_requests_requested_at_idx').on(t.requestedAt),
    index('service_requests_updated_at_idx').on(t.updatedAt),
    index('service_requests_caller_idx').on(t.callerNumber),
    index('service_requests_service_status_idx').on(t.serviceCode, t.status),
    // CityStat's map reads only open requests, a small share of a year's.
    index('service_requests_open_requested_idx').on(t.requestedAt).where(sql`closed_at is null`),
  ],
);

/** A neighbour's or repeat caller's report merged into an existing request. */
export const requestReports = pgTable(
  'request_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: bigint('request_id', { mode: 'number' }).notNull().references(() => serviceRequests.id),
    callerNumber: text('caller_number'),
    words: text('words').notNull().default(''),
    callSid: text('call_sid'),
    idempotencyKey: text('idempotency_key'),
    wantsText: boolean('wants_text').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('request_reports_request_idx').on(t.requestId),
    // A neighbour who calls back is recognised by the requests they added a report to.
    index('request_reports_caller_idx').on(t.callerNumber),
    uniqueIndex('request_reports_idempotency_idx').on(t.idempotencyKey),
    // CityStat: neighbours' reports merged in a period.
    index('request_reports_created_at_idx').on(t.createdAt),
  ],
);

/** Every change to a request: status changes, department notes, callers' follow-ups. */
export const requestUpdates = pgTable(
  'request_updates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: bigint('request_id', { mode: 'number' }).notNull().references(() => serviceRequests.id),
    kind: text('kind').notNull(),
    status: text('status'),
    note: text('note').notNull().default(''),
    author: text('author').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('request_updates_request_idx').on(t.requestId),
    uniqueIndex('request_updates_idempotency_idx').on(t.idempotencyKey),
  ],
);

/** Department API keys, stored as SHA-256 hashes. */
export const departmentKeys = pgTable('department_keys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  departmentCode: text('department_code').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  label: text('label').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** Open311 API clients' keys (for POST requests), stored as SHA-256 hashes. */
export const apiClients = pgTable('api_clients', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type ServiceRequest = typeof serviceRequests.$inferSelect;
