import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { describeSendFailure } from '../twilio/errors.js';
import type { SendResult, TwilioSender } from '../twilio/sender.js';
import { backoffMs } from './backoff.js';
import { messageOfRow } from './message.js';
import { claimDue, countOutbox, markFailed, markSent, scheduleRetry, type ClaimedRow, type OutboxCounts } from './queries.js';

export interface OutboxWorkerOptions {
  db: Db;
  sender: TwilioSender;
  log: FastifyBaseLogger;
  /** Rows claimed and sent concurrently per round. */
  batch: number;
  maxAttempts: number;
  /** First retry delay; doubled per failed attempt, with jitter. */
  backoffMs: number;
  /** How long a claim hides a row from other workers. */
  leaseMs: number;
  random?: () => number;
}

export interface RunOptions {
  /** Acts as if it were this instant (tests move time instead of sleeping); the database clock by default. */
  now?: Date;
}

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

export interface OutboxStats extends OutboxCounts {
  /** Rows this instance is sending right now. */
  inFlight: number;
  /** What this instance did since it started. */
  totals: { sent: number; retried: number; failed: number; lostClaims: number };
}

export interface OutboxWorker {
  /** One round: claims up to a batch of due rows and settles each. */
  runOnce(options?: RunOptions): Promise<RoundResult>;
  /** Rounds until fewer than a batch were due; resolves to the number sent. */
  drain(options?: RunOptions): Promise<number>;
  stats(options?: RunOptions): Promise<OutboxStats>;
  /** Takes no new rows and resolves when the sends under way are settled. */
  stop(): Promise<void>;
}

type Outcome = 'sent' | 'retried' | 'failed' | 'lost';

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, sender, log } = options;
  const random = options.random ?? Math.random;
  const rounds = new Set<Promise<RoundResult>>();
  const totals = { sent: 0, retried: 0, failed: 0, lostClaims: 0 };
  let inFlight = 0;
  let stopped = false;

  async function send(row: ClaimedRow): Promise<SendResult | 'bad-payload'> {
    const message = messageOfRow(row);
    if (!message) return 'bad-payload';
    if (message.kind === 'sms') {
      return sender.sendSms({ to: message.to, body: message.body, statusCallback: message.statusCallback });
    }
    return sender.createCall({ to: message.to, url: message.url, statusCallback: message.statusCallback });
  }

  async function deliver(row: ClaimedRow, now: Date | undefined): Promise<Outcome> {
    // Never the payload: it holds the caller's number and the words sent.
    const fields = { outboxId: row.id, kind: row.kind, attempt: row.attempts };
    let result: SendResult | 'bad-payload';
    try {
      result = await send(row);
    } catch (err) {
      const failure = describeSendFailure(err);
      if (!failure.retryable || row.attempts >= options.maxAttempts) {
        const settled = await markFailed(db, row, failure.summary);
        log.error({ ...fields, error: failure.summary, retryable: failure.retryable }, 'outbox message failed for good');
        return settled ? 'failed' : 'lost';
      }
      const delay = backoffMs(row.attempts, options.backoffMs, random);
      const settled = await scheduleRetry(db, row, delay, failure.summary, now);
      log.warn({ ...fields, error: failure.summary, retryInMs: delay }, 'outbox send failed; will retry');
      return settled ? 'retried' : 'lost';
    }
    if (result === 'bad-payload') {
      await markFailed(db, row, 'OUTBOX_BAD_PAYLOAD');
      log.error(fields, 'outbox row has no valid message; marked failed');
      return 'failed';
    }
    if (await markSent(db, row, result.sid, now)) {
      log.info({ ...fields, sid: result.sid }, 'outbox message sent');
      return 'sent';
    }
    // Our lease ran out mid-send and another worker took the row: it may go out twice.
    log.warn({ ...fields, sid: result.sid }, 'outbox claim lost before the send was recorded');
    return 'lost';
  }

  async function settle(row: ClaimedRow, now: Date | undefined): Promise<Outcome> {
    inFlight += 1;
    try {
      return await deliver(row, now);
    } catch (err) {
      // The database refused the update: the row stays claimed and is retried when the lease ends.
      log.error({ outboxId: row.id, error: safeError(err) }, 'outbox could not record a send outcome');
      return 'lost';
    } finally {
      inFlight -= 1;
    }
  }

  async function round(run: RunOptions): Promise<RoundResult> {
    const rows = await claimDue(db, { limit: options.batch, leaseMs: options.leaseMs, now: run.now });
    const outcomes = await Promise.all(rows.map((row) => settle(row, run.now)));
    const result: RoundResult = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };
    for (const outcome of outcomes) {
      if (outcome === 'lost') totals.lostClaims += 1;
      else {
        result[outcome] += 1;
        totals[outcome] += 1;
      }
    }
    return result;
  }

  async function runOnce(run: RunOptions = {}): Promise<RoundResult> {
    if (stopped) return { claimed: 0, sent: 0, retried: 0, failed: 0 };
    const promise = round(run);
    rounds.add(promise);
    try {
      return await promise;
    } finally {
      rounds.delete(promise);
    }
  }

  return {
    runOnce,
    async drain(run = {}) {
      let sent = 0;
      for (;;) {
        const result = await runOnce(run);
        sent += result.sent;
        if (result.claimed < options.batch || stopped) return sent;
      }
    },
    async stats(run = {}) {
      return { ...(await countOutbox(db, run.now)), inFlight, totals: { ...totals } };
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...rounds]);
    },
  };
}

/** An error's class, code and message, without the driver's query parameters. */
export function safeError(err: unknown): { name: string; code?: string; message: string } {
  if (!(err instanceof Error)) return { name: 'Unknown', message: String(err).slice(0, 200) };
  const code = (err as { code?: unknown }).code;
  return { name: err.name, ...(typeof code === 'string' ? { code } : {}), message: err.message.slice(0, 200) };
}
