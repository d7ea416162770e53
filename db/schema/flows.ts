import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Published flow revisions: immutable once written. The newest revision of a flow is live. */
export const flowRevisions = pgTable(
  'flow_revisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    flowKey: text('flow_key').notNull(),
    version: integer('version').notNull(),
    document: jsonb('document').$type<unknown>().notNull(),
    message: text('message').notNull(),
    author: text('author').notNull(),
    /** Set when this revision restores an earlier one. */
    restoredFrom: integer('restored_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('flow_revisions_key_version_idx').on(t.flowKey, t.version)],
);

/** The one working draft per flow that supervisors edit before publishing. */
export const flowDrafts = pgTable('flow_drafts', {
  flowKey: text('flow_key').primaryKey(),
  document: jsonb('document').$type<unknown>().notNull(),
  baseRevisionId: integer('base_revision_id'),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type FlowRevision = typeof flowRevisions.$inferSelect;
