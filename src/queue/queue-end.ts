import type { Db } from '../../db/client.js';
import type { Language } from '../flow/step-api.js';
import { cancelPending, confirmCallback, findCallback } from './callbacks.js';
import { sessionLanguage } from './hold.js';
import { recordEnd } from './waits.js';

/** Twilio's QueueResult values; anything else is recorded as `error`. */
export const QUEUE_RESULTS = ['bridged', 'hangup', 'leave', 'queue-full', 'error', 'system-error', 'redirected'] as const;
export type QueueResult = (typeof QUEUE_RESULTS)[number];

export function queueResultOf(value: unknown): QueueResult {
  return (QUEUE_RESULTS as readonly unknown[]).includes(value) ? (value as QueueResult) : 'error';
}

export interface QueueEnd {
  language: Language;
  result: QueueResult;
  /** Whether the caller has a call-back coming. */
  callbackWaiting: boolean;
}

/**
 * Records how a wait ended (the Enqueue action). A caller who confirmed a number and then left or
 * hung up before saying why still gets the call-back; one answered live does not.
 */
export async function endWait(
  db: Db,
  end: { callSid: string; queue: string; result: QueueResult; queueTimeS: number | undefined },
): Promise<QueueEnd> {
  return db.transaction(async (tx) => {
    await recordEnd(tx, end);
    const language = await sessionLanguage(tx, end.callSid);
    if (end.result === 'bridged') await cancelPending(tx, end.callSid);
    else if (end.result === 'leave' || end.result === 'hangup') await confirmCallback(tx, end.callSid);
    const callback = await findCallback(tx, end.callSid);
    return { language, result: end.result, callbackWaiting: callback?.status === 'waiting' };
  });
}
