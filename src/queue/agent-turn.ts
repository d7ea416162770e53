import type { Db } from '../../db/client.js';
import type { AgentRoster } from './agents.js';
import { claimCallback, settleCallback, type Callback } from './callbacks.js';
import { findWait, oldestHolding } from './waits.js';

export type AgentTurn =
  /** The phone is not on any queue's roster. */
  | { kind: 'stranger' }
  /** Call this caller back now: the claim is held until the Dial action settles it. */
  | { kind: 'callback'; callback: Callback; waitedMin: number; about: string }
  /** Take the next caller holding in this queue (nobody may be holding yet). */
  | { kind: 'queue'; queue: string; next?: { waitedMin: number; about: string } };

/** What callers were asking about, from the flow step that queued them. */
const REASONS: Record<string, string> = {
  'police-queue': 'a police non-emergency matter',
  'emergency-queue': 'a possible emergency',
  operator: 'help from an operator',
  fallback: 'a call that met technical trouble',
};

export function describeReason(reason: string): string {
  return REASONS[reason] ?? (reason.replace(/[^a-z0-9]+/gi, ' ').trim() || 'no reason given');
}

function minutesSince(at: Date, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - at.getTime()) / 60_000));
}

/**
 * What an agent's phone does next: the oldest call-back when it joined before everyone now on
 * hold (so call-backs keep their place in line), otherwise the next caller on hold.
 */
export async function nextForAgent(db: Db, agent: { number: string | undefined; roster: AgentRoster; now?: Date }): Promise<AgentTurn> {
  const queues = agent.roster.queuesOf(agent.number);
  if (!queues.length || !agent.number) return { kind: 'stranger' };
  const agentNumber = agent.number;
  return db.transaction(async (tx) => {
    const now = agent.now ?? new Date();
    const holder = await oldestHolding(tx, queues);
    const callback = await claimCallback(tx, { queues, agentNumber, ...(holder ? { joinedBefore: holder.joinedAt } : {}) });
    if (callback) {
      const wait = await findWait(tx, callback.callSid, callback.queue);
      return {
        kind: 'callback',
        callback,
        waitedMin: minutesSince(callback.joinedAt, now),
        about: callback.reason || describeReason(wait?.reason ?? ''),
      };
    }
    if (!holder) return { kind: 'queue', queue: queues[0]! };
    return { kind: 'queue', queue: holder.queue, next: { waitedMin: minutesSince(holder.joinedAt, now), about: describeReason(holder.reason) } };
  });
}

/** Records the Dial result of a call-back attempt (see settleCallback for retries). */
export async function finishCallbackAttempt(
  db: Db,
  attempt: { id: number; dialStatus: string; maxAttempts: number; retryAfterS: number },
): Promise<Callback | undefined> {
  return db.transaction((tx) => settleCallback(tx, attempt));
}
