import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import { enqueueOutbox } from '../../src/outbox/enqueue.js';
import { createTestDatabase, secondView } from '../helpers/database.js';
import { created, createOutboxApp, type OutboxTestApp } from './harness.js';

const MESSAGES = 60;
let database: Database;
/** The second app's view of the same database: the same PGlite, or a second pool on PostgreSQL. */
let other: Database;
let a: OutboxTestApp;
let b: OutboxTestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  other = await secondView(database);
  // Small batches and slow sends, so the two workers' rounds interleave.
  a = await createOutboxApp({ OUTBOX_BATCH: '4' }, { database });
  b = await createOutboxApp({ OUTBOX_BATCH: '4' }, { database: other });
  for (const t of [a, b]) {
    t.http.answerWith(async (request) => {
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
      return created(request);
    });
  }
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  if (other && other !== database) await other.close();
  await database?.close();
});

it('two workers draining the same outbox at once send each message exactly once', async () => {
  for (let i = 0; i < MESSAGES; i++) {
    const to = `+1410555${String(1000 + i)}`;
    await enqueueOutbox(database.db, { kind: 'sms', to, body: `message ${i}` }, `two-workers:${i}`);
  }

  const [sentByA, sentByB] = await Promise.all([a.app.outbox.drain(), b.app.outbox.drain()]);

  const sent = [...a.http.texts(), ...b.http.texts()].map((r) => r.data.To);
  expect(sent).toHaveLength(MESSAGES);
  expect(new Set(sent).size).toBe(MESSAGES);
  expect(sentByA + sentByB).toBe(MESSAGES);
  // Both took part: the claim, not luck of timing, kept them apart.
  expect(sentByA).toBeGreaterThan(0);
  expect(sentByB).toBeGreaterThan(0);
  const rows = await database.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.status, 'sent'));
  expect(rows).toHaveLength(MESSAGES);
});
