import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { loadCatalogue } from '../intake/catalogue.js';
import { findApiClient } from './api-keys.js';
import { isoCity } from './dates.js';
import { InvalidApiKey, InvalidParameter, NotFound } from './errors.js';
import { CONTENT_TYPES, splitFormat, xmlList, xmlObject, type Format } from './format.js';
import { parseRequestFilters } from './filters.js';
import { findPublicRequest, listRequests, servicesChangeset, updatesFor, type PublicRequestRow } from './queries.js';
import { publicRequest, serviceDefinition, serviceSummary } from './serialize.js';
import { submitRequest, type PostParams } from './submit.js';
import { loggableError } from '../lib/loggable-error.js';

export const OPEN311_PREFIX = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

type FileParams = { Params: { file: string } };

/** The format a request asked for, read from its path; JSON when it named none we serve. */
function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

/** The spec's error list: [{code, description}] or <errors><error>…</error></errors>. */
function sendErrors(reply: FastifyReply, format: Format, status: number, description: string) {
  const errors = [{ code: status, description }];
  return reply
    .code(status)
    .type(CONTENT_TYPES[format])
    .send(format === 'xml' ? xmlList('errors', 'error', errors) : JSON.stringify(errors));
}

function sendList(reply: FastifyReply, format: Format, root: string, item: string, rows: object[]) {
  return reply.type(CONTENT_TYPES[format]).send(format === 'xml' ? xmlList(root, item, rows) : JSON.stringify(rows));
}

function sendObject(reply: FastifyReply, format: Format, root: string, value: object) {
  return reply.type(CONTENT_TYPES[format]).send(format === 'xml' ? xmlObject(root, value) : JSON.stringify(value));
}

/** "requests.xml" with the name this route expects, or a 404 naming the formats we serve. */
function fileOf(file: string, expected?: string): { name: string; format: Format } {
  const split = splitFormat(file);
  if (!split) throw new NotFound(`unknown format: ask for ${file.replace(/\.[^.]*$/, '')}.xml or .json`);
  if (expected !== undefined && split.name !== expected) throw new NotFound(`no such resource: ${split.name}`);
  return split;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Open311 GeoReport v2 under /open311/v2: discovery, services, service definitions, requests
 * (list, one, create) and tokens, each as .xml (the spec's required format) or .json.
 */
export default async function open311Routes(app: FastifyInstance) {
  const { config } = app;
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`too many requests: retry in ${context.after}`) as FastifyError;
      error.statusCode = context.statusCode;
      return error;
    },
  });
  const window = config.RATE_LIMIT_WINDOW_MS;
  const read = { rateLimit: { max: config.OPEN311_READ_RATE_MAX, timeWindow: window } };
  const write = { rateLimit: { max: config.OPEN311_WRITE_RATE_MAX, timeWindow: window } };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOf(request);
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: loggableError(error), route: request.routeOptions.url }, 'open311 request failed');
      return sendErrors(reply, format, 500, 'internal error; try again later');
    }
    if (status === 429) return sendErrors(reply, format, 429, error.message);
    if (error.code?.startsWith('OPEN311_')) return sendErrors(reply, format, status, error.message);
    // Fastify's own 4xx (a body too large, malformed JSON, an unknown content type): the spec
    // has one code for bad input.
    const description = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'request body is too large' : error.message;
    return sendErrors(reply, format, 400, description);
  });
  app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOf(request), 404, 'no such resource'));

  // Public data meant for any app or dashboard: readable from any web page.
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'GET') reply.header('access-control-allow-origin', '*');
  });

  app.get<FileParams>(`${OPEN311_PREFIX}/:file`, { config: read }, async (request, reply) => {
    const { name, format } = fileOf(request.params.file);
    switch (name) {
      case 'discovery':
        return sendObject(reply, format, 'discovery', await discovery(app));
      case 'services': {
        const { services } = await loadCatalogue(app.db);
        return sendList(reply, format, 'services', 'service', services.map(serviceSummary));
      }
      case 'requests': {
        const filters = parseRequestFilters(request.query as Record<string, unknown>);
        const rows = await listRequests(app.db, filters);
        return sendList(reply, format, 'service_requests', 'request', await withNotes(app, rows));
      }
      default:
        throw new NotFound(`no such resource: ${name}`);
    }
  });

  app.get<FileParams>(`${OPEN311_PREFIX}/services/:file`, { config: read }, async (request, reply) => {
    const { name: code, format } = fileOf(request.params.file);
    const { services } = await loadCatalogue(app.db);
    const service = services.find((s) => s.code === code);
    if (!service) throw new NotFound(`service_code "${code}" not found`);
    return sendObject(reply, format, 'service_definition', serviceDefinition(service));
  });

  app.get<FileParams>(`${OPEN311_PREFIX}/requests/:file`, { config: read }, async (request, reply) => {
    const { name: id, format } = fileOf(request.params.file);
    const row = /^\d{1,20}$/.test(id) ? await findPublicRequest(app.db, id) : undefined;
    if (!row) throw new NotFound(`service_request_id "${id}" not found`);
    return sendList(reply, format, 'service_requests', 'request', await withNotes(app, [row]));
  });

  // Requests are stored before POST answers, so every token is simply the request's id: a client
  // that kept a token finds its service_request_id here at once.
  app.get<FileParams>(`${OPEN311_PREFIX}/tokens/:file`, { config: read }, async (request, reply) => {
    const { name: token, format } = fileOf(request.params.file);
    const row = /^\d{1,20}$/.test(token) ? await findPublicRequest(app.db, token) : undefined;
    if (!row) throw new NotFound(`token "${token}" not found`);
    return sendList(reply, format, 'service_requests', 'request', [{ service_request_id: row.confirmation, token }]);
  });

  app.post<FileParams>(
    `${OPEN311_PREFIX}/:file`,
    { config: write, bodyLimit: config.OPEN311_BODY_LIMIT },
    async (request, reply) => {
      const { format } = fileOf(request.params.file, 'requests');
      const params = request.body;
      if (!params || typeof params !== 'object' || Array.isArray(params)) {
        throw new InvalidParameter('send the request as a form (application/x-www-form-urlencoded) or a JSON object');
      }
      const body = params as PostParams;
      const apiKey = typeof body.api_key === 'string' ? body.api_key : '';
      const client = await findApiClient(app.db, apiKey);
      if (!client) throw new InvalidApiKey();
      const idempotencyKey = header(request, 'idempotency-key');
      if (idempotencyKey && idempotencyKey.length > 200) throw new InvalidParameter('Idempotency-Key must be at most 200 characters');
      const { request: created, created: isNew } = await submitRequest(app.db, body, { clientId: client.id, idempotencyKey });
      request.log.info({ serviceRequestId: created.confirmation, client: client.name, replay: !isNew }, 'open311 request created');
      const account = typeof body.account_id === 'string' ? body.account_id : '';
      return sendList(reply.code(isNew ? 201 : 200), format, 'service_requests', 'request', [
        { service_request_id: created.confirmation, service_notice: '', account_id: account },
      ]);
    },
  );
}

async function withNotes(app: FastifyInstance, rows: PublicRequestRow[]) {
  const updates = await updatesFor(app.db, rows.map((r) => r.id));
  return rows.map((row) => publicRequest(row, updates.get(row.id) ?? []));
}

async function discovery(app: FastifyInstance) {
  const { config } = app;
  const changeset = isoCity(await servicesChangeset(app.db)) ?? '';
  return {
    changeset,
    contact: config.OPEN311_CONTACT,
    key_service: config.OPEN311_KEY_SERVICE,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}${OPEN311_PREFIX}`,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
