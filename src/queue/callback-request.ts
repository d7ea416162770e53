import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { callSessions } from '../../db/schema/index.js';
import type { Language } from '../flow/step-api.js';
import { answerCallbackStage, type CallbackStage, type DialogueInput } from './callback-dialogue.js';
import { confirmCallback, findCallback, savePending } from './callbacks.js';
import { languageOf, queuePhrase } from './phrases.js';
import { findWait } from './waits.js';

export type CallbackTurn =
  | { kind: 'ask'; language: Language; stage: CallbackStage; say: string[]; tries: number }
  /** In the queue: the request is complete, take the caller out with <Leave>. */
  | { kind: 'leave'; language: Language }
  /** Out of the queue: the request is complete or declined; say this and hang up. */
  | { kind: 'goodbye'; language: Language; say: string[] }
  /** In the queue and declined: back to hold. */
  | { kind: 'hold'; language: Language; say: string[] };

/**
 * One answer in the call-back request made from the queue (the waitUrl's Gather) or after it
 * (a full queue). The confirmed number is kept at once; the call-back only becomes visible to
 * agents when the request is complete, and keeps the time the caller first joined the queue.
 */
export async function callbackTurn(
  db: Db,
  turn: { callSid: string; queue: string; stage: CallbackStage; tries: number; inQueue: boolean; input: DialogueInput },
): Promise<CallbackTurn> {
  return db.transaction(async (tx) => {
    const [session] = await tx
      .select({ language: callSessions.language, callerNumber: callSessions.callerNumber })
      .from(callSessions)
      .where(eq(callSessions.callSid, turn.callSid));
    const language = languageOf(session?.language);
    const step = answerCallbackStage(turn.stage, turn.input, {
      language,
      // Stored in E.164 when the call began; undefined when the caller ID was withheld.
      callerNumber: session?.callerNumber ?? undefined,
      tries: turn.tries,
    });
    switch (step.kind) {
      case 'ask':
        if (step.number) {
          const wait = await findWait(tx, turn.callSid, turn.queue);
          await savePending(tx, { callSid: turn.callSid, queue: turn.queue, number: step.number, joinedAt: wait?.joinedAt ?? new Date() });
        }
        return { kind: 'ask', language, stage: step.stage, say: step.say, tries: step.tries };
      case 'done': {
        // A replayed request finds the call-back already waiting: the answer is the same.
        const confirmed = (await confirmCallback(tx, turn.callSid, step.reason)) ?? (await findCallback(tx, turn.callSid));
        if (confirmed?.status !== 'waiting') {
          const say = [queuePhrase(turn.inQueue ? 'backToHold' : 'callAgain', language)];
          return turn.inQueue ? { kind: 'hold', language, say } : { kind: 'goodbye', language, say };
        }
        return turn.inQueue ? { kind: 'leave', language } : { kind: 'goodbye', language, say: [queuePhrase('willCallBack', language)] };
      }
      case 'declined':
        return turn.inQueue
          ? { kind: 'hold', language, say: [queuePhrase('backToHold', language)] }
          : { kind: 'goodbye', language, say: [queuePhrase('callAgain', language)] };
    }
  });
}
