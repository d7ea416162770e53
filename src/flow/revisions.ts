import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { runStatement, type Db, type DbOrTx } from '../../db/client.js';
import { flowRevisions } from '../../db/schema/index.js';
import type { Flow, Step } from './schema.js';
import { validateFlow, type FlowRules } from './validate.js';

export const DEFAULT_FLOW_KEY = 'main';
export const flowsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../flows');

/** A published revision, parsed once: revisions are immutable, so the cache never goes stale. */
export interface LoadedFlow {
  revisionId: number;
  version: number;
  flow: Flow;
  steps: Map<string, Step>;
}

const cache = new Map<number, LoadedFlow>();

export function loadFlowFile(name = `${DEFAULT_FLOW_KEY}.json`): unknown {
  return JSON.parse(readFileSync(path.join(flowsDir, name), 'utf8'));
}

function toLoaded(row: { id: number; version: number; document: unknown }): LoadedFlow {
  const flow = row.document as Flow;
  return { revisionId: row.id, version: row.version, flow, steps: new Map(flow.steps.map((s) => [s.id, s])) };
}

export async function revisionById(db: DbOrTx, id: number): Promise<LoadedFlow | undefined> {
  const hit = cache.get(id);
  if (hit) return hit;
  const [row] = await db
    .select({ id: flowRevisions.id, version: flowRevisions.version, document: flowRevisions.document })
    .from(flowRevisions)
    .where(eq(flowRevisions.id, id));
  if (!row) return undefined;
  const loaded = toLoaded(row);
  cache.set(id, loaded);
  return loaded;
}

// Every call's first webhook asks it: a fixed text, prepared once per connection on postgres.js.
const LATEST_REVISION = 'select id from flow_revisions where flow_key = $1 order by version desc limit 1';

/** The live revision of a flow: the newest one published. */
export async function latestRevision(db: DbOrTx, flowKey = DEFAULT_FLOW_KEY): Promise<LoadedFlow | undefined> {
  const [row] = await runStatement<{ id: number }>(db, LATEST_REVISION, [flowKey]);
  return row ? revisionById(db, row.id) : undefined;
}

/** Validates and stores a new immutable revision; the version is one more than the newest. */
export async function publishRevision(
  db: DbOrTx,
  input: { document: unknown; message: string; author: string; restoredFrom?: number; rules?: FlowRules },
): Promise<LoadedFlow> {
  const result = validateFlow(input.document, input.rules);
  if (!result.ok) {
    throw Object.assign(new Error(`flow is not valid: ${result.problems.map((p) => p.message).join('; ')}`), {
      problems: result.problems,
    });
  }
  const flowKey = result.flow.key;
  const [row] = await db
    .insert(flowRevisions)
    .values({
      flowKey,
      version: sql`(select coalesce(max(${flowRevisions.version}), 0) + 1 from ${flowRevisions} where ${flowRevisions.flowKey} = ${flowKey})`,
      document: result.flow,
      message: input.message,
      author: input.author,
      restoredFrom: input.restoredFrom ?? null,
    })
    .returning({ id: flowRevisions.id, version: flowRevisions.version, document: flowRevisions.document });
  return toLoaded(row!);
}

/** On first start, publishes flows/main.json as revision 1 so the line answers at once. */
export async function ensureDefaultFlow(db: Db): Promise<LoadedFlow> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(311, hashtext('default-flow'))`);
    const existing = await latestRevision(tx);
    if (existing) return existing;
    return publishRevision(tx, { document: loadFlowFile(), message: 'Default flow from flows/main.json', author: 'system' });
  });
}
