import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { flowDrafts } from '../../db/schema/index.js';
import { DEFAULT_FLOW_KEY, latestRevision, type LoadedFlow } from '../flow/revisions.js';
import { audit } from './audit.js';
import { diffFlows, summariseChanges } from './diff.js';
import { AdminErrors } from './errors.js';
import { isStepType } from '../flow/schema.js';

export interface Draft {
  flowKey: string;
  document: Record<string, unknown>;
  /** Microsecond timestamp of the last save: the token for "nobody saved since I loaded it". Null when no draft is stored. */
  version: string | null;
  updatedBy: string | null;
  baseRevisionId: number | null;
  live: LoadedFlow;
}

const MAX_DRAFT_BYTES = 256 * 1024;
// Full precision, so two saves within one millisecond still differ.
const versionOf = sql<string>`to_char(${flowDrafts.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function liveFlow(db: DbOrTx, flowKey = DEFAULT_FLOW_KEY): Promise<LoadedFlow> {
  const live = await latestRevision(db, flowKey);
  if (!live) throw new AdminErrors.revisionNotFound(`for flow ${flowKey}`);
  return live;
}

/** The stored draft, or the live flow as the starting point of one. */
export async function getDraft(db: DbOrTx, flowKey = DEFAULT_FLOW_KEY): Promise<Draft> {
  const live = await liveFlow(db, flowKey);
  const [row] = await db
    .select({ document: flowDrafts.document, version: versionOf, updatedBy: flowDrafts.updatedBy, baseRevisionId: flowDrafts.baseRevisionId })
    .from(flowDrafts)
    .where(eq(flowDrafts.flowKey, flowKey));
  if (!row) {
    return { flowKey, document: structuredClone(live.flow) as Record<string, unknown>, version: null, updatedBy: null, baseRevisionId: live.revisionId, live };
  }
  return { flowKey, document: row.document as Record<string, unknown>, version: row.version, updatedBy: row.updatedBy, baseRevisionId: row.baseRevisionId, live };
}

/**
 * What a draft must be before it is stored at all, even when it does not validate yet: a flow
 * document for this flow whose steps all name a known type, small enough to keep.
 */
export function checkDraftShape(document: unknown, flowKey: string): asserts document is Record<string, unknown> & { steps: Record<string, unknown>[] } {
  if (!document || typeof document !== 'object' || Array.isArray(document)) throw new AdminErrors.draftShape('not an object');
  const doc = document as Record<string, unknown>;
  if (doc.key !== flowKey) throw new AdminErrors.draftShape(`its key must stay "${flowKey}"`);
  if (!Array.isArray(doc.steps) || doc.steps.length > 200) throw new AdminErrors.draftShape('steps must be a list of at most 200');
  doc.steps.forEach((step, i) => {
    if (!step || typeof step !== 'object' || Array.isArray(step)) throw new AdminErrors.draftShape(`step ${i + 1} is not an object`);
    const { id, type } = step as { id?: unknown; type?: unknown };
    if (typeof id !== 'string' || id.length > 48) throw new AdminErrors.draftShape(`step ${i + 1} has no id`);
    if (!isStepType(type)) throw new AdminErrors.draftShape(`step ${id} has an unknown type`);
  });
  if (JSON.stringify(document).length > MAX_DRAFT_BYTES) throw new AdminErrors.draftShape('larger than 256 KB');
}

/**
 * Stores a draft if nobody saved one since `expectedVersion` (null: since there was none), and
 * records what changed in the audit log, in one transaction.
 */
export async function saveDraft(
  db: Db,
  input: { flowKey?: string; document: unknown; expectedVersion: string | null; actor: string; action?: string },
): Promise<{ version: string }> {
  const flowKey = input.flowKey ?? DEFAULT_FLOW_KEY;
  checkDraftShape(input.document, flowKey);
  const document = input.document;
  return db.transaction(async (tx) => {
    const live = await liveFlow(tx, flowKey);
    const [current] = await tx
      .select({ document: flowDrafts.document, version: versionOf })
      .from(flowDrafts)
      .where(eq(flowDrafts.flowKey, flowKey))
      .for('update');
    if ((current?.version ?? null) !== input.expectedVersion) throw new AdminErrors.draftConflict();
    let saved: { version: string } | undefined;
    if (current) {
      [saved] = await tx
        .update(flowDrafts)
        .set({ document, updatedBy: input.actor, updatedAt: sql`clock_timestamp()` })
        .where(eq(flowDrafts.flowKey, flowKey))
        .returning({ version: versionOf });
    } else {
      [saved] = await tx
        .insert(flowDrafts)
        .values({ flowKey, document, baseRevisionId: live.revisionId, updatedBy: input.actor, updatedAt: sql`clock_timestamp()` })
        .onConflictDoNothing()
        .returning({ version: versionOf });
    }
    if (!saved) throw new AdminErrors.draftConflict();
    const changes = diffFlows(current?.document ?? live.flow, document);
    await audit(tx, {
      actor: input.actor,
      action: 'draft-edit',
      subject: `flow:${flowKey}`,
      detail: { ...(input.action ? { op: input.action } : {}), changes: summariseChanges(changes) },
    });
    return saved;
  });
}

/** Throws the draft away: the next edit starts again from the live flow. */
export async function discardDraft(db: Db, flowKey: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(flowDrafts).where(eq(flowDrafts.flowKey, flowKey)).returning({ key: flowDrafts.flowKey });
    if (deleted.length) await audit(tx, { actor, action: 'draft-discard', subject: `flow:${flowKey}` });
  });
}
