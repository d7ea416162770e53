import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { requestUpdates, serviceRequests, services } from '../../db/schema/index.js';
import { REQUEST_STATUSES, isClosed } from '../requests/status.js';

/**
 * Open means one of these, named rather than "not closed" so the (service_code, status) index
 * narrows to open rows: years of closed requests are never scanned.
 */
export const OPEN_STATUSES = REQUEST_STATUSES.filter((s) => !isClosed(s));
const parent = alias(serviceRequests, 'parent');

/** What the status line says about a request, read in one query. */
export interface RequestSummary {
  id: number;
  confirmation: string;
  status: string;
  serviceNames: { en: string; es: string } | null;
  addressString: string | null;
  locationWords: string | null;
  requestedAt: Date;
  closedAt: Date | null;
  expectedAt: Date | null;
  /** The latest of the request's own update time and its history. */
  lastUpdateAt: Date;
  duplicateOf: number | null;
  parentConfirmation: string | null;
  parentStatus: string | null;
}

/** A request by confirmation number or id, however long ago it closed. */
export async function requestSummary(db: DbOrTx, by: { confirmation: string } | { id: number }): Promise<RequestSummary | undefined> {
  const [row] = await db
    .select({
      id: serviceRequests.id,
      confirmation: serviceRequests.confirmation,
      status: serviceRequests.status,
      serviceNames: services.names,
      addressString: serviceRequests.addressString,
      locationWords: serviceRequests.locationWords,
      requestedAt: serviceRequests.requestedAt,
      closedAt: serviceRequests.closedAt,
      expectedAt: serviceRequests.expectedAt,
      updatedAt: serviceRequests.updatedAt,
      historyAt: sql<Date | null>`(select max(${requestUpdates.createdAt}) from ${requestUpdates} where ${requestUpdates.requestId} = ${serviceRequests.id})`.mapWith(
        requestUpdates.createdAt,
      ),
      duplicateOf: serviceRequests.duplicateOf,
      parentConfirmation: parent.confirmation,
      parentStatus: parent.status,
    })
    .from(serviceRequests)
    .leftJoin(services, eq(services.code, serviceRequests.serviceCode))
    .leftJoin(parent, eq(parent.id, serviceRequests.duplicateOf))
    .where('confirmation' in by ? eq(serviceRequests.confirmation, by.confirmation) : eq(serviceRequests.id, by.id));
  if (!row) return undefined;
  const { updatedAt, historyAt, ...rest } = row;
  return { ...rest, lastUpdateAt: historyAt && historyAt > updatedAt ? historyAt : updatedAt };
}

export interface OpenRequests {
  /** The most recent open request the caller made or added a report to. */
  latest: { id: number; confirmation: string; serviceNames: { en: string; es: string } | null; addressString: string | null; locationWords: string | null };
  count: number;
}

/**
 * The open requests a phone number made or joined as a neighbour, in one indexed query (both
 * caller-number columns are indexed; the window count saves a second round trip).
 */
export async function openRequestsOf(db: DbOrTx, callerNumber: string): Promise<OpenRequests | undefined> {
  const [row] = await db
    .select({
      id: serviceRequests.id,
      confirmation: serviceRequests.confirmation,
      serviceNames: services.names,
      addressString: serviceRequests.addressString,
      locationWords: serviceRequests.locationWords,
      count: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(serviceRequests)
    .leftJoin(services, eq(services.code, serviceRequests.serviceCode))
    .where(
      and(
        sql`${serviceRequests.id} in (
          select own.id from service_requests own where own.caller_number = ${callerNumber}
          union
          select joined.request_id from request_reports joined where joined.caller_number = ${callerNumber})`,
        inArray(serviceRequests.status, OPEN_STATUSES),
      ),
    )
    .orderBy(desc(serviceRequests.requestedAt), desc(serviceRequests.id))
    .limit(1);
  if (!row) return undefined;
  const { count, ...latest } = row;
  return { latest, count };
}

export interface FollowUp {
  requestId: number;
  words: string;
  /** Reopen a closed request the caller says is not done. */
  reopen: boolean;
  /** callSid + seq: a retried webhook adds nothing twice. */
  idempotencyKey: string;
}

/**
 * Adds a caller's follow-up to a request's history (the department reads it as an Open311 note)
 * and, for a closed request, reopens it for review. Returns whether anything was written.
 */
export async function addFollowUp(tx: DbOrTx, f: FollowUp): Promise<boolean> {
  const [note] = await tx
    .insert(requestUpdates)
    .values({ requestId: f.requestId, kind: 'follow-up', note: f.words, author: 'caller', idempotencyKey: f.idempotencyKey })
    .onConflictDoNothing({ target: requestUpdates.idempotencyKey })
    .returning({ id: requestUpdates.id });
  if (!note) return false;
  if (f.reopen) {
    await tx
      .update(serviceRequests)
      .set({ status: 'reopened', closedAt: null, updatedAt: sql`now()` })
      .where(eq(serviceRequests.id, f.requestId));
    await tx.insert(requestUpdates).values({
      requestId: f.requestId,
      kind: 'reopen',
      status: 'reopened',
      note: 'Reopened by the caller: not fixed',
      author: 'caller',
      idempotencyKey: `${f.idempotencyKey}:reopen`,
    }).onConflictDoNothing({ target: requestUpdates.idempotencyKey });
  } else {
    // Open311 clients poll updated_after: a new note must move the request's clock.
    await tx.update(serviceRequests).set({ updatedAt: sql`now()` }).where(eq(serviceRequests.id, f.requestId));
  }
  return true;
}
