import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { eq } from 'drizzle-orm';
import { services } from '../../db/schema/index.js';
import { parseIsoDate } from '../open311/dates.js';
import { parseRequestFilters } from '../open311/filters.js';
import { findPublicRequest, listRequests, updatesFor } from '../open311/queries.js';
import { publicRequest } from '../open311/serialize.js';
import { InvalidKey, InvalidUpdate, MissingKey } from './errors.js';
import { findDepartmentKey, type DepartmentCaller } from './keys.js';
import { applyDepartmentUpdate, isRequestStatus, MAX_NOTE, ownedRequest, type DepartmentUpdate } from './update.js';
import { loggableError } from '../lib/loggable-error.js';

export const DEPARTMENTS_PREFIX = '/departments/v1';

declare module 'fastify' {
  interface FastifyRequest {
    /** The department whose key signed this request (department API only). */
    department?: DepartmentCaller;
  }
}

type IdParams = { Params: { id: string } };

function keyOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header.trim() ? header.trim() : undefined;
}

function optionalText(body: Record<string, unknown>, name: string, max: number): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InvalidUpdate(`${name} must be text`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new InvalidUpdate(`${name} must be at most ${max} characters`);
  return trimmed || undefined;
}

/** The update a body asks for, checked field by field. */
export function readUpdate(body: unknown): DepartmentUpdate {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InvalidUpdate('send a JSON object or a form');
  const b = body as Record<string, unknown>;
  const update: DepartmentUpdate = {};
  const status = optionalText(b, 'status', 40);
  if (status !== undefined) {
    if (!isRequestStatus(status)) throw new InvalidUpdate(`status "${status}" is not one of the statuses this service knows`);
    update.status = status;
  }
  const note = optionalText(b, 'note', MAX_NOTE);
  if (note) update.note = note;
  const outcome = optionalText(b, 'outcome', MAX_NOTE);
  if (outcome) update.outcome = outcome;
  const duplicateOf = optionalText(b, 'duplicate_of', 20);
  if (duplicateOf) update.duplicateOf = duplicateOf;
  if ('expected_datetime' in b) {
    const raw = b.expected_datetime;
    if (raw === null || raw === '') update.expectedAt = null;
    else {
      const date = typeof raw === 'string' ? parseIsoDate(raw.trim()) : undefined;
      if (!date) throw new InvalidUpdate('expected_datetime must be an ISO 8601 date and time with a time zone, or null');
      update.expectedAt = date;
    }
  }
  return update;
}

/**
 * The department update API: a department's work-order system reads its requests and moves them
 * along (status, notes, expected date, closing with an outcome), authenticated by a department key.
 */
export default async function departmentRoutes(app: FastifyInstance) {
  const { config } = app;
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`too many requests: retry in ${context.after}`) as FastifyError;
      error.statusCode = context.statusCode;
      error.code = 'DEPT_RATE_LIMITED';
      return error;
    },
  });
  const limited = { rateLimit: { max: config.DEPARTMENT_RATE_MAX, timeWindow: config.RATE_LIMIT_WINDOW_MS } };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: loggableError(error), route: request.routeOptions.url }, 'department update failed');
      return reply.code(500).send({ code: 'DEPT_INTERNAL', message: 'internal error; try again later' });
    }
    if (status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.code(status).send({ code: error.code ?? 'DEPT_BAD_REQUEST', message: error.message });
  });

  // After the routes' rate limit (an onRequest hook) and before the body is read: guessing keys
  // is throttled, and nobody's body is parsed before they are known.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const key = keyOf(request);
    if (!key) throw new MissingKey();
    const department = await findDepartmentKey(app.db, key);
    if (!department) throw new InvalidKey();
    request.department = department;
    return payload;
  });

  const author = (d: DepartmentCaller) => `department:${d.departmentCode}${d.label ? ` (${d.label})` : ''}`;

  app.get(`${DEPARTMENTS_PREFIX}/requests`, { config: limited }, async (request) => {
    const department = request.department!;
    const owned = await app.db.select({ code: services.code }).from(services).where(eq(services.departmentCode, department.departmentCode));
    const filters = parseRequestFilters(request.query as Record<string, unknown>);
    const codes = owned.map((s) => s.code).filter((c) => !filters.serviceCodes || filters.serviceCodes.includes(c));
    if (codes.length === 0) return [];
    filters.serviceCodes = codes;
    // A service_request_id list sets the other filters aside (the spec): keep to our own here too.
    const rows = (await listRequests(app.db, filters)).filter((r) => codes.includes(r.serviceCode));
    const updates = await updatesFor(app.db, rows.map((r) => r.id));
    return rows.map((row) => ({ ...publicRequest(row, updates.get(row.id) ?? []), detailed_status: row.status }));
  });

  app.get<IdParams>(`${DEPARTMENTS_PREFIX}/requests/:id`, { config: limited }, async (request) => {
    await ownedRequest(app.db, request.department!.departmentCode, request.params.id);
    return detailed(app, request.params.id);
  });

  app.post<IdParams>(
    `${DEPARTMENTS_PREFIX}/requests/:id/updates`,
    { config: limited, bodyLimit: config.OPEN311_BODY_LIMIT },
    async (request, reply) => {
      const department = request.department!;
      const idempotencyKey = request.headers['idempotency-key'];
      if (typeof idempotencyKey === 'string' && idempotencyKey.length > 200) throw new InvalidUpdate('Idempotency-Key must be at most 200 characters');
      const { replayed } = await applyDepartmentUpdate(app.db, request.params.id, readUpdate(request.body), {
        departmentCode: department.departmentCode,
        author: author(department),
        idempotencyKey: typeof idempotencyKey === 'string' && idempotencyKey.trim() ? idempotencyKey.trim() : undefined,
      });
      request.log.info({ serviceRequestId: request.params.id, department: department.departmentCode, replayed }, 'department update');
      return reply.code(replayed ? 200 : 201).send(await detailed(app, request.params.id));
    },
  );
}

/** The request as the public sees it, plus the detailed status behind open/closed. */
async function detailed(app: FastifyInstance, confirmation: string) {
  const row = (await findPublicRequest(app.db, confirmation))!;
  const updates = await updatesFor(app.db, [row.id]);
  return { ...publicRequest(row, updates.get(row.id) ?? []), detailed_status: row.status };
}
