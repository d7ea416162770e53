import { desc, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';

export const AuditActions = [
  'sign-in', 'sign-in-failed', 'sign-out', 'user-create', 'user-password-reset', 'user-disable', 'key-revoke',
  'draft-edit', 'draft-discard', 'publish', 'rollback', 'catalogue-edit',
] as const;
export type AuditAction = (typeof AuditActions)[number];

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  subject: string;
  detail?: Record<string, unknown>;
}

/** Records one change a person made; takes the transaction that made it so both commit together. */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actor: entry.actor.slice(0, 100),
    action: entry.action,
    subject: entry.subject.slice(0, 200),
    detail: entry.detail ?? {},
  });
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Newest first, `limit` at a time; `before` is the id of the last row of the previous page. */
export async function listAudit(db: DbOrTx, options: { limit: number; before?: number }): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(options.before ? lt(auditLog.id, options.before) : sql`true`)
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}
