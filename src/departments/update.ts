import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { requestUpdates, serviceRequests, services, type ServiceRequest } from '../../db/schema/index.js';
import { notifyRequestClosed } from '../requests/notify-closed.js';
import { isClosed, REQUEST_STATUSES, type RequestStatus } from '../requests/status.js';
import { InvalidUpdate, NotYourRequest, RequestIsClosed, RequestNotFound } from './errors.js';

export const MAX_NOTE = 4000;

/** What a department may change in one update; at least one of them. */
export interface DepartmentUpdate {
  status?: RequestStatus;
  note?: string;
  /** A date to expect the work by; null clears it. */
  expectedAt?: Date | null;
  /** What was done, shown to the public once the request is closed. Required to close. */
  outcome?: string;
  /** For status "duplicate": the service_request_id of the request it duplicates. */
  duplicateOf?: string;
}

export interface UpdateContext {
  departmentCode: string;
  /** Who to record in the history: "department:transportation (work orders)". */
  author: string;
  /** The client's Idempotency-Key: a retried update is applied once. */
  idempotencyKey?: string | undefined;
}

export function isRequestStatus(value: string): value is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(value);
}

/** The department whose service a request is for, or a coded error. */
export async function ownedRequest(db: DbOrTx, departmentCode: string, confirmation: string): Promise<ServiceRequest> {
  const [row] = await db
    .select({ request: serviceRequests, owner: services.departmentCode })
    .from(serviceRequests)
    .leftJoin(services, eq(services.code, serviceRequests.serviceCode))
    .where(eq(serviceRequests.confirmation, confirmation));
  if (!row) throw new RequestNotFound(confirmation);
  if ((row.owner ?? row.request.agency) !== departmentCode) throw new NotYourRequest(confirmation);
  return row.request;
}

function historyNote(update: DepartmentUpdate, closing: boolean, parent: string | undefined): string {
  if (update.note) return update.note;
  if (closing && update.outcome) return update.outcome;
  if (parent) return `Duplicate of ${parent}`;
  return '';
}

/**
 * Applies a department's update in one transaction: the request row, one history entry (the
 * Open311 notes and what the status line reads) and, when it closes the request, the texts to
 * everyone who asked for one. A retry with the same idempotency key changes nothing more.
 */
export async function applyDepartmentUpdate(
  db: Db,
  confirmation: string,
  update: DepartmentUpdate,
  ctx: UpdateContext,
): Promise<{ request: ServiceRequest; replayed: boolean }> {
  if (update.status === undefined && !update.note && update.expectedAt === undefined && !update.outcome) {
    throw new InvalidUpdate('send at least one of status, note, expected_datetime, outcome');
  }
  const key = ctx.idempotencyKey ? `department:${ctx.departmentCode}:${ctx.idempotencyKey}` : null;

  return db.transaction(async (tx) => {
    // Locked for the transaction: two updates to one request apply one after the other, so a
    // retry that waited here sees the first delivery's history entry below.
    const [current] = await tx.select().from(serviceRequests).where(eq(serviceRequests.confirmation, confirmation)).for('update');
    if (!current) throw new RequestNotFound(confirmation);
    await ownedRequest(tx, ctx.departmentCode, confirmation);
    if (key) {
      const [done] = await tx.select({ id: requestUpdates.id }).from(requestUpdates).where(eq(requestUpdates.idempotencyKey, key));
      if (done) return { request: current, replayed: true };
    }

    const wasClosed = isClosed(current.status);
    const next = update.status;
    const closing = next !== undefined && isClosed(next);
    const reopening = next === 'reopened';
    if (wasClosed && next !== undefined && !reopening && !closing) throw new RequestIsClosed(confirmation);
    if (wasClosed && closing) throw new RequestIsClosed(confirmation);
    if (wasClosed && !reopening && update.expectedAt !== undefined) throw new RequestIsClosed(confirmation);
    if (reopening && !wasClosed) throw new InvalidUpdate(`request ${confirmation} is open: only a closed request can be reopened`);
    if (update.outcome && !closing) throw new InvalidUpdate('outcome is given only when closing a request (completed, closed, duplicate, transferred)');

    let parentId: number | undefined;
    if (next === 'duplicate') {
      if (!update.duplicateOf) throw new InvalidUpdate('status "duplicate" needs duplicate_of: the service_request_id it duplicates');
      if (update.duplicateOf === confirmation) throw new InvalidUpdate('a request cannot duplicate itself');
      const [parent] = await tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.confirmation, update.duplicateOf));
      if (!parent) throw new InvalidUpdate(`duplicate_of: no service request ${update.duplicateOf}`);
      parentId = parent.id;
    } else if (update.duplicateOf) {
      throw new InvalidUpdate('duplicate_of is given only with status "duplicate"');
    } else if (closing && !update.outcome) {
      throw new InvalidUpdate(`closing a request ("${next}") needs an outcome: what was done`);
    }

    const kind = next !== undefined ? 'status' : update.expectedAt !== undefined ? 'expected' : 'note';
    const [entry] = await tx
      .insert(requestUpdates)
      .values({
        requestId: current.id,
        kind,
        status: next ?? null,
        note: historyNote(update, closing, update.duplicateOf),
        author: ctx.author,
        idempotencyKey: key,
        createdAt: sql`now()`,
      })
      // A concurrent retry of the same update got here first: it is applied, once.
      .onConflictDoNothing()
      .returning({ id: requestUpdates.id });
    if (!entry) return { request: current, replayed: true };

    const [saved] = await tx
      .update(serviceRequests)
      .set({
        updatedAt: sql`now()`,
        ...(next !== undefined ? { status: next } : {}),
        ...(update.expectedAt !== undefined ? { expectedAt: update.expectedAt } : {}),
        ...(closing ? { closedAt: sql`now()`, outcome: update.outcome ?? `Duplicate of ${update.duplicateOf}` } : {}),
        ...(parentId !== undefined ? { duplicateOf: parentId } : {}),
        ...(reopening ? { closedAt: null, outcome: null, duplicateOf: null } : {}),
      })
      .where(eq(serviceRequests.id, current.id))
      .returning();
    if (closing) await notifyRequestClosed(tx, current.id);
    return { request: saved!, replayed: false };
  });
}
