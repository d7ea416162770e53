import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_FLOW_KEY, latestRevision, revisionById, type LoadedFlow } from '../../flow/revisions.js';
import { stepKit } from '../../flow/handlers.js';
import type { Flow } from '../../flow/schema.js';
import type { FlowRules } from '../../flow/validate.js';
import { parseNumberList } from '../../config.js';
import { can, requireRole } from '../auth.js';
import { diffFlows } from '../diff.js';
import { applyOp } from '../draft-ops.js';
import { checkDraftShape, discardDraft, getDraft, saveDraft } from '../drafts.js';
import { AdminErrors } from '../errors.js';
import { checkDocument } from '../problems.js';
import { getRevision, listRevisions, publishDraft, revisionDiff, rollBack } from '../publish.js';
import { loadedDraft, parseTryInput, parseTrySession, tryTurn } from '../try.js';
import { editorPage } from '../pages/editor.js';
import { historyPage, livePage, revisionPage } from '../pages/history.js';

const viewer = { preHandler: requireRole('viewer') };
const supervisor = { preHandler: requireRole('supervisor') };

function idParam(request: FastifyRequest): number {
  const id = Number((request.params as { id?: string }).id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AdminErrors.revisionNotFound(String((request.params as { id?: string }).id));
  return id;
}

const noticeOf = (request: FastifyRequest) => (request.query as { notice?: string }).notice;

const expectedVersionOf = (body: Record<string, unknown>): string | null =>
  typeof body.expectedVersion === 'string' && body.expectedVersion ? body.expectedVersion : null;

export default async function flowRoutes(app: FastifyInstance) {
  const html = 'text/html; charset=utf-8';
  const rules: FlowRules = { transferNumbers: parseNumberList(app.config.TRANSFER_ALLOWED_NUMBERS) };

  // Pages
  app.get('/flow', viewer, async (request, reply) => {
    const live = await latestRevision(app.db);
    if (!live) throw new AdminErrors.revisionNotFound('live');
    return reply.type(html).send(
      livePage({ session: request.adminSession!, revision: { id: live.revisionId, version: live.version, document: live.flow }, notice: noticeOf(request) }),
    );
  });

  app.get('/flow/draft', viewer, async (request, reply) => {
    const draft = await getDraft(app.db);
    const checked = checkDocument(draft.document, rules);
    const page = editorPage({
      session: request.adminSession!,
      draft,
      problems: checked.problems,
      warnings: checked.warnings,
      changes: diffFlows(draft.live.flow, draft.document),
      notice: noticeOf(request),
      canEdit: can(request.adminSession, 'supervisor'),
    });
    return reply.type(html).send(page);
  });

  app.get('/flow/history', viewer, async (request, reply) => {
    const revisions = await listRevisions(app.db);
    const live = revisions[0];
    return reply.type(html).send(
      historyPage({ session: request.adminSession!, revisions, liveId: live?.id ?? 0, canEdit: can(request.adminSession, 'supervisor'), notice: noticeOf(request) }),
    );
  });

  app.get('/flow/revisions/:id', viewer, async (request, reply) => {
    const { revision, previous, changes } = await revisionDiff(app.db, idParam(request));
    return reply.type(html).send(revisionPage({ session: request.adminSession!, revision, previous, changes }));
  });

  // The history page's rollback buttons are plain forms: they work without scripts.
  app.post('/flow/revisions/:id/rollback', supervisor, async (request, reply) => {
    await rollBack(app.db, { revisionId: idParam(request), actor: request.adminSession!.username, rules });
    return reply.redirect('/admin/flow/history?notice=rolled-back', 303);
  });

  // JSON API used by console.js (and usable by scripts with a session)
  app.get('/api/draft', viewer, async () => {
    const draft = await getDraft(app.db);
    return {
      document: draft.document,
      version: draft.version,
      updatedBy: draft.updatedBy,
      baseRevisionId: draft.baseRevisionId,
      liveRevisionId: draft.live.revisionId,
      ...(({ problems, warnings }) => ({ problems, warnings }))(checkDocument(draft.document, rules)),
    };
  });

  app.put('/api/draft', supervisor, async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const document = structuredClone(body.document);
    checkDraftShape(document, DEFAULT_FLOW_KEY);
    const focus = body.op ? applyOp(document, body.op) : undefined;
    const opName = body.op ? String((body.op as { op?: unknown }).op) : undefined;
    const saved = await saveDraft(app.db, {
      document,
      expectedVersion: expectedVersionOf(body),
      actor: request.adminSession!.username,
      ...(opName ? { action: opName } : {}),
    });
    const { problems, warnings } = checkDocument(document, rules);
    return { version: saved.version, focus, problems, warnings };
  });

  app.delete('/api/draft', supervisor, async (request) => {
    await discardDraft(app.db, DEFAULT_FLOW_KEY, request.adminSession!.username);
    return { discarded: true };
  });

  app.post('/api/publish', supervisor, async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const published = await publishDraft(app.db, {
      rules,
      message: typeof body.message === 'string' ? body.message : '',
      actor: request.adminSession!.username,
      expectedVersion: expectedVersionOf(body),
    });
    return { revisionId: published.revisionId, version: published.version };
  });

  app.get('/api/revisions', viewer, async () => ({ revisions: await listRevisions(app.db) }));

  app.get('/api/revisions/:id', viewer, async (request) => {
    const { revision, previous, changes } = await revisionDiff(app.db, idParam(request));
    return { revision, previousId: previous?.id ?? null, changes };
  });

  app.post('/api/revisions/:id/rollback', supervisor, async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const published = await rollBack(app.db, {
      rules,
      revisionId: idParam(request),
      actor: request.adminSession!.username,
      ...(typeof body.message === 'string' ? { message: body.message } : {}),
    });
    return { revisionId: published.revisionId, version: published.version };
  });

  // Try it: one caller turn on a draft document or a revision, rolled back afterwards.
  app.post('/api/try', viewer, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    let loaded: LoadedFlow | undefined;
    if (body.document !== undefined) {
      const checked = checkDocument(body.document, rules);
      if (!checked.ok) {
        return reply.code(422).send({
          statusCode: 422,
          code: 'ADMIN_DRAFT_INVALID',
          message: 'Fix the problems in the draft before trying it',
          problems: checked.problems,
        });
      }
      loaded = loadedDraft(body.document as Flow);
    } else if (body.revisionId !== undefined) {
      const id = Number(body.revisionId);
      loaded = Number.isSafeInteger(id) && id > 0 ? await revisionById(app.db, id) : undefined;
      if (!loaded) throw new AdminErrors.revisionNotFound(String(body.revisionId));
    } else {
      loaded = await latestRevision(app.db);
      if (!loaded) throw new AdminErrors.revisionNotFound('live');
    }
    const session = parseTrySession(body.session);
    const input = session ? parseTryInput(body.input) : ({ kind: 'enter' } as const);
    const line = body.line === 'outOfArea' ? 'outOfArea' : 'main';
    const answer = await tryTurn(
      { db: app.db, config: app.config, log: request.log, kit: stepKit },
      loaded,
      session,
      input,
      { line },
    );
    return { revisionId: loaded.revisionId || null, ...answer };
  });

  // So a revision page can be reached by version number too.
  app.get('/api/revisions/:id/document', viewer, async (request) => (await getRevision(app.db, idParam(request))).document);
}
