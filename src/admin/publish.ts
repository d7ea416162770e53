import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { flowDrafts, flowRevisions, type FlowRevision } from '../../db/schema/index.js';
import { DEFAULT_FLOW_KEY, publishRevision, type LoadedFlow } from '../flow/revisions.js';
import type { FlowRules } from '../flow/validate.js';
import { audit } from './audit.js';
import { diffFlows, summariseChanges, type Change } from './diff.js';
import { liveFlow } from './drafts.js';
import { AdminErrors } from './errors.js';
import { checkDocument } from './problems.js';

export function checkMessage(message: unknown): string {
  const text = typeof message === 'string' ? message.trim() : '';
  if (!text || text.length > 500) throw new AdminErrors.badRequest('say in a few words what changed (up to 500 characters)');
  return text;
}

// Publishes of one flow queue up behind each other instead of racing for the next version number.
const lockPublishing = (tx: DbOrTx, flowKey: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(311, hashtext(${`publish:${flowKey}`}))`);

/**
 * Publishes the stored draft as the new live revision (refused while it does not validate) and
 * clears it. Calls already in progress keep the revision they started on.
 */
export async function publishDraft(
  db: Db,
  input: { flowKey?: string; message: string; actor: string; expectedVersion: string | null; rules?: FlowRules },
): Promise<LoadedFlow> {
  const flowKey = input.flowKey ?? DEFAULT_FLOW_KEY;
  const message = checkMessage(input.message);
  return db.transaction(async (tx) => {
    await lockPublishing(tx, flowKey);
    const [draft] = await tx
      .select({
        document: flowDrafts.document,
        version: sql<string>`to_char(${flowDrafts.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      })
      .from(flowDrafts)
      .where(eq(flowDrafts.flowKey, flowKey))
      .for('update');
    if (!draft) throw new AdminErrors.noDraftChanges();
    if (input.expectedVersion !== null && draft.version !== input.expectedVersion) throw new AdminErrors.draftConflict();
    const checked = checkDocument(draft.document, input.rules);
    if (!checked.ok) throw Object.assign(new AdminErrors.draftInvalid(checked.problems.length), { problems: checked.problems });
    const live = await liveFlow(tx, flowKey);
    const changes = diffFlows(live.flow, draft.document);
    if (!changes.length) throw new AdminErrors.noDraftChanges();
    const published = await publishRevision(tx, { document: draft.document, message, author: input.actor, ...(input.rules ? { rules: input.rules } : {}) });
    await tx.delete(flowDrafts).where(eq(flowDrafts.flowKey, flowKey));
    await audit(tx, {
      actor: input.actor,
      action: 'publish',
      subject: `flow:${flowKey}`,
      detail: { revisionId: published.revisionId, version: published.version, message, changes: summariseChanges(changes) },
    });
    return published;
  });
}

/** Makes an earlier revision live again, as a new revision that says which one it restores. */
export async function rollBack(db: Db, input: { revisionId: number; message?: string; actor: string; rules?: FlowRules }): Promise<LoadedFlow> {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(flowRevisions).where(eq(flowRevisions.id, input.revisionId));
    if (!target) throw new AdminErrors.revisionNotFound(String(input.revisionId));
    await lockPublishing(tx, target.flowKey);
    const live = await liveFlow(tx, target.flowKey);
    if (live.revisionId === target.id) throw new AdminErrors.badRequest(`version ${target.version} is already live`);
    const message = input.message?.trim() ? checkMessage(input.message) : `Roll back to version ${target.version}`;
    const published = await publishRevision(tx, {
      document: target.document,
      message,
      author: input.actor,
      restoredFrom: target.id,
      ...(input.rules ? { rules: input.rules } : {}),
    });
    await audit(tx, {
      actor: input.actor,
      action: 'rollback',
      subject: `flow:${target.flowKey}`,
      detail: {
        revisionId: published.revisionId,
        version: published.version,
        restoredFrom: target.id,
        restoredVersion: target.version,
        message,
        changes: summariseChanges(diffFlows(live.flow, target.document)),
      },
    });
    return published;
  });
}

export type RevisionSummary = Omit<FlowRevision, 'document'>;

export async function listRevisions(db: DbOrTx, flowKey = DEFAULT_FLOW_KEY, limit = 100): Promise<RevisionSummary[]> {
  return db
    .select({
      id: flowRevisions.id,
      flowKey: flowRevisions.flowKey,
      version: flowRevisions.version,
      message: flowRevisions.message,
      author: flowRevisions.author,
      restoredFrom: flowRevisions.restoredFrom,
      createdAt: flowRevisions.createdAt,
    })
    .from(flowRevisions)
    .where(eq(flowRevisions.flowKey, flowKey))
    .orderBy(desc(flowRevisions.version))
    .limit(limit);
}

export async function getRevision(db: DbOrTx, id: number): Promise<FlowRevision> {
  const [row] = await db.select().from(flowRevisions).where(eq(flowRevisions.id, id));
  if (!row) throw new AdminErrors.revisionNotFound(String(id));
  return row;
}

/** A revision and what it changed from the one before it. */
export async function revisionDiff(db: DbOrTx, id: number): Promise<{ revision: FlowRevision; previous?: FlowRevision; changes: Change[] }> {
  const revision = await getRevision(db, id);
  const [previous] = await db
    .select()
    .from(flowRevisions)
    .where(and(eq(flowRevisions.flowKey, revision.flowKey), lt(flowRevisions.version, revision.version)))
    .orderBy(desc(flowRevisions.version))
    .limit(1);
  return { revision, ...(previous ? { previous } : {}), changes: diffFlows(previous?.document ?? {}, revision.document) };
}
