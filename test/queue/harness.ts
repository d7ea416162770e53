import { eq } from 'drizzle-orm';
import { callbacks, queueWaits } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signedPost, twilioCallParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';

export const POLICE = 'police-non-emergency';
export const POLICE_AGENT = '+14105550001';
export const SECOND_POLICE_AGENT = '+14105550002';
export const OPERATOR_AGENT = '+14105550003';
export const AGENT_LINE = '+14432630311';

/** The real app and the published main flow, with two police agents and one operator on the roster. */
export async function queueTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({
    QUEUE_AGENTS: `${POLICE}=${POLICE_AGENT},${SECOND_POLICE_AGENT};operator=${OPERATOR_AGENT}`,
    ...env,
  });
}

/**
 * Greeting "1" (English) or "9" (Spanish), then the main menu's "3": the police line. A new
 * caller has no open requests, so recognise-caller passes straight to the menu.
 */
export async function callPolice(t: TestApp, options: { from?: string; language?: '1' | '9' } = {}) {
  const caller = t.caller(options.from ? { from: options.from } : {});
  await caller.start();
  // 9 switches the first question to Spanish; 3 is the police choice in either language.
  if (options.language === '9') await caller.press('9');
  await caller.press('3');
  return caller;
}

export function post(t: TestApp, url: string, params: Record<string, string>) {
  return signedPost(t.app, { url, params, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL });
}

/** A waitUrl request for a call, with Twilio's queue parameters. */
export function waitRequest(t: TestApp, callSid: string, params: Record<string, string>, queue = POLICE) {
  return post(t, `/voice/queue/wait?queue=${queue}`, { ...twilioCallParams({ callSid, callStatus: 'in-progress' }), ...params });
}

/** An agent's phone calling the agent line (or pressing a key there). */
export function agentCall(t: TestApp, from: string, extra: Record<string, string> = {}, url = '/voice/agent') {
  return post(t, url, { ...twilioCallParams({ from, to: AGENT_LINE, callStatus: 'in-progress' }), ...extra });
}

export async function waitRow(t: TestApp, callSid: string) {
  const [row] = await t.app.db.select().from(queueWaits).where(eq(queueWaits.callSid, callSid));
  return row;
}

export async function callbackRow(t: TestApp, callSid: string) {
  const [row] = await t.app.db.select().from(callbacks).where(eq(callbacks.callSid, callSid));
  return row;
}
