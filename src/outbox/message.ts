import type { OutboxRow } from '../../db/schema/outbox.js';
import type { OutboxMessage } from './enqueue.js';

/**
 * Rebuilds the message a row was enqueued with. The payload is jsonb written by enqueueOutbox,
 * but a row edited by hand or written by an older version must fail alone, not stop the worker.
 */
export function messageOfRow(row: Pick<OutboxRow, 'kind' | 'payload'>): OutboxMessage | undefined {
  const p = row.payload;
  const to = typeof p.to === 'string' && p.to.length > 0 ? p.to : undefined;
  const statusCallback = typeof p.statusCallback === 'string' ? p.statusCallback : undefined;
  if (!to) return undefined;
  if (row.kind === 'sms' && typeof p.body === 'string' && p.body.length > 0) {
    return { kind: 'sms', to, body: p.body, ...(statusCallback ? { statusCallback } : {}) };
  }
  if (row.kind === 'call' && typeof p.url === 'string' && /^https?:\/\//.test(p.url)) {
    return { kind: 'call', to, url: p.url, ...(statusCallback ? { statusCallback } : {}) };
  }
  return undefined;
}
