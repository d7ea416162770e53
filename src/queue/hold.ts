import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { callSessions } from '../../db/schema/index.js';
import type { Language } from '../flow/step-api.js';
import { countParam, estimateWaitSeconds, spokenMinutes } from './estimate.js';
import { languageOf, queuePhrase } from './phrases.js';
import { claimAnnouncement, recentAnsweredWait } from './waits.js';

/** What Twilio posts to the waitUrl, as raw form fields (any of them may be missing or garbage). */
export interface WaitParams {
  QueuePosition?: unknown;
  CurrentQueueSize?: unknown;
  AvgQueueTime?: unknown;
}

export interface HoldTurn {
  language: Language;
  /** The announcement to make now; empty between announcements (hold audio only). */
  say: string[];
}

export async function sessionLanguage(db: DbOrTx, callSid: string): Promise<Language> {
  const [row] = await db.select({ language: callSessions.language }).from(callSessions).where(eq(callSessions.callSid, callSid));
  return languageOf(row?.language);
}

/** The place-in-line sentence and the wait estimate, from Twilio's figures and our history. */
export function announcement(
  language: Language,
  facts: { position: number | undefined; size: number | undefined; averageS: number | undefined; historyFullWaitS: number | undefined },
): string[] {
  const say: string[] = [];
  const position = facts.position !== undefined && facts.position >= 1 ? facts.position : undefined;
  if (position === 1) say.push(queuePhrase('next', language));
  else if (position !== undefined) say.push(queuePhrase('position', language, { n: position }));
  const minutes = spokenMinutes(estimateWaitSeconds({ ...facts, position }));
  if (minutes === undefined) say.push(queuePhrase('waitUnknown', language));
  else if (minutes === 'over-an-hour') say.push(queuePhrase('waitOverHour', language));
  else say.push(minutes === 1 ? queuePhrase('waitMinute', language) : queuePhrase('waitMinutes', language, { n: minutes }));
  say.push(queuePhrase('pressForCallback', language));
  return say;
}

/**
 * One request of the waitUrl: announces place and wait at most once per `everyS` seconds (Twilio
 * re-requests the waitUrl each time its TwiML ends, which may be every few seconds).
 */
export async function holdTurn(
  db: Db,
  wait: { callSid: string; queue: string; everyS: number; params: WaitParams },
): Promise<HoldTurn> {
  return db.transaction(async (tx) => {
    const language = await sessionLanguage(tx, wait.callSid);
    const { announce } = await claimAnnouncement(tx, wait);
    if (!announce) return { language, say: [] };
    const averageS = countParam(wait.params.AvgQueueTime);
    return {
      language,
      say: announcement(language, {
        position: countParam(wait.params.QueuePosition),
        size: countParam(wait.params.CurrentQueueSize),
        averageS,
        // Our own history is only needed when Twilio's average says nothing.
        historyFullWaitS: averageS ? undefined : await recentAnsweredWait(tx, wait.queue),
      }),
    };
  });
}
