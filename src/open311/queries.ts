import { and, asc, desc, eq, gt, gte, inArray, lte, max, notInArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { departments, requestUpdates, serviceRequests, services } from '../../db/schema/index.js';
import { isClosed, REQUEST_STATUSES } from '../requests/status.js';

const CLOSED_STATUSES = REQUEST_STATUSES.filter(isClosed);

/** What a GET requests query asks for, already validated. */
export interface RequestFilters {
  /** service_request_id list: when given, every other filter but paging is ignored (the spec). */
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  status?: 'open' | 'closed';
  updatedAfter?: Date;
  page: number;
  pageSize: number;
}

const parent = alias(serviceRequests, 'parent');

/** The columns a public answer is built from: never the caller's number, name or email. */
const publicColumns = {
  id: serviceRequests.id,
  confirmation: serviceRequests.confirmation,
  status: serviceRequests.status,
  serviceCode: serviceRequests.serviceCode,
  serviceName: services.name,
  agency: departments.name,
  agencyCode: serviceRequests.agency,
  description: serviceRequests.description,
  requestedAction: serviceRequests.requestedAction,
  channel: serviceRequests.channel,
  addressString: serviceRequests.addressString,
  lat: serviceRequests.lat,
  long: serviceRequests.long,
  mediaUrl: serviceRequests.mediaUrl,
  outcome: serviceRequests.outcome,
  reportCount: serviceRequests.reportCount,
  parentConfirmation: parent.confirmation,
  requestedAt: serviceRequests.requestedAt,
  updatedAt: serviceRequests.updatedAt,
  expectedAt: serviceRequests.expectedAt,
  closedAt: serviceRequests.closedAt,
  // Read only to blank the caller's own name out of free text; never serialised.
  firstName: serviceRequests.firstName,
  lastName: serviceRequests.lastName,
};


function baseQuery(db: DbOrTx) {
  return db
    .select(publicColumns)
    .from(serviceRequests)
    .leftJoin(services, eq(services.code, serviceRequests.serviceCode))
    .leftJoin(departments, eq(departments.code, serviceRequests.agency))
    .leftJoin(parent, eq(parent.id, serviceRequests.duplicateOf));
}

/** A request as the public may see it (plus the caller's name, read only to blank it out). */
export type PublicRequestRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

export async function listRequests(db: DbOrTx, f: RequestFilters): Promise<PublicRequestRow[]> {
  const where: SQL[] = [];
  if (f.ids) where.push(inArray(serviceRequests.confirmation, f.ids));
  else {
    if (f.serviceCodes) where.push(inArray(serviceRequests.serviceCode, f.serviceCodes));
    if (f.start) where.push(gte(serviceRequests.requestedAt, f.start));
    if (f.end) where.push(lte(serviceRequests.requestedAt, f.end));
    if (f.status === 'closed') where.push(inArray(serviceRequests.status, CLOSED_STATUSES));
    if (f.status === 'open') where.push(notInArray(serviceRequests.status, CLOSED_STATUSES));
    if (f.updatedAfter) where.push(gt(serviceRequests.updatedAt, f.updatedAfter));
  }
  return baseQuery(db)
    .where(and(...where))
    .orderBy(desc(serviceRequests.requestedAt), desc(serviceRequests.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

export async function findPublicRequest(db: DbOrTx, confirmation: string): Promise<PublicRequestRow | undefined> {
  const [row] = await baseQuery(db).where(eq(serviceRequests.confirmation, confirmation));
  return row;
}

export interface UpdateRow {
  requestId: number;
  kind: string;
  status: string | null;
  note: string;
  author: string;
  createdAt: Date;
}

/** The update history of these requests, oldest first, grouped by request id. */
export async function updatesFor(db: DbOrTx, requestIds: number[]): Promise<Map<number, UpdateRow[]>> {
  const byRequest = new Map<number, UpdateRow[]>();
  if (requestIds.length === 0) return byRequest;
  const rows = await db
    .select({
      requestId: requestUpdates.requestId,
      kind: requestUpdates.kind,
      status: requestUpdates.status,
      note: requestUpdates.note,
      author: requestUpdates.author,
      createdAt: requestUpdates.createdAt,
    })
    .from(requestUpdates)
    .where(inArray(requestUpdates.requestId, requestIds))
    .orderBy(asc(requestUpdates.createdAt), asc(requestUpdates.id));
  for (const row of rows) {
    const list = byRequest.get(row.requestId) ?? [];
    list.push(row);
    byRequest.set(row.requestId, list);
  }
  return byRequest;
}

/** When the service list or a definition last changed: discovery's changeset. */
export async function servicesChangeset(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select({ at: max(services.updatedAt) }).from(services);
  return row?.at ? new Date(row.at) : null;
}
