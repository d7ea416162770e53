/**
 * Random callers through the default flow (fast-check): key presses, speech from a pool of
 * realistic and hostile phrases, silence, and Twilio replaying an earlier step. Whatever they
 * do, every answer is valid TwiML, the call ends in a report, a queue or a goodbye within a
 * bounded number of turns, and the stored state stays whole.
 *
 * FAULTS_SEED=<n> replays a run; FAULTS_RUNS=<n> changes how many calls are tried.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { assertValidTwiml } from '../helpers/twiml.js';
import { TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';
import { renderReply } from '../../src/voice/twiml.js';
import { voiceUrls } from '../../src/voice/urls.js';
import type { Language } from '../../src/flow/schema.js';
import { unpackReply, type StoredReply } from '../../src/flow/shared-hints.js';
import { confirmationHeard, FaultCaller, replay, requestsOfCall, sessionOf, TECHNICAL_TROUBLE, turnsOf } from './harness.js';

const RUNS = Number(process.env.FAULTS_RUNS ?? 60);
const SEED = process.env.FAULTS_SEED ? Number(process.env.FAULTS_SEED) : undefined;
/** Silent turns after the random ones within which every call must have ended. */
const SILENCE_BOUND = 14;

const PHRASES = [
  // What callers say.
  'english', 'español', 'report a problem', 'check status', 'police', 'operator', 'yes', 'no', 'yes please',
  'repeat', 'pothole', 'there is a huge pothole in the road', 'the street light is out', 'missed trash pickup',
  'graffiti on the wall', 'bache en la calle', '1200 North Charles Street', 'North Avenue and Charles Street',
  'Druid Hill Park', 'somewhere near my cousins place', 'It is deep and cars swerve around it', 'fix it',
  'one two three four five six seven eight nine', 'a man was shot and he is bleeding', 'um', 'I don\'t know',
  // What a hostile or broken recogniser could send.
  '</Say><Hangup/><Say>', '<Redirect>https://evil.example/</Redirect>', "'); drop table call_sessions; --",
  '\u0000\u0007\u001b[2J', '\u202e reversed', '🚧🚧🚧', 'x'.repeat(3000), ' ',
];

type Action =
  | { kind: 'digits'; digits: string }
  | { kind: 'speech'; text: string }
  | { kind: 'silence' }
  | { kind: 'replay'; pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1', '2', '3', '9', '0', '*', '#', '5', '123#', '99999999999').map((digits) => ({ kind: 'digits' as const, digits })) },
  { weight: 4, arbitrary: fc.constantFrom(...PHRASES).map((text) => ({ kind: 'speech' as const, text })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'silence' as const }) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'replay' as const, pick })) },
);

const d = (digits: string): Action => ({ kind: 'digits', digits });
const s = (text: string): Action => ({ kind: 'speech', text });
const TO_REPORT = [d('1'), d('1')];
const TO_PLACE = [...TO_REPORT, s('there is a huge pothole in the road'), s('yes')];
const TO_DESCRIBE = [...TO_PLACE, s('somewhere near my cousins place'), s('somewhere near my cousins place')];
const FILED = [...TO_DESCRIBE, s('It is deep and cars swerve around it'), s('fix it')];
/**
 * Purely random callers rarely get past the menus, so some calls follow the way to a report
 * (or the status line) for a while, with random actions slipped in and a random tail after.
 */
const PATHS: Action[][] = [[], TO_REPORT, TO_PLACE, TO_DESCRIBE, FILED, FILED, [d('1'), d('2')], [d('9'), d('1')]];

const callerActions: fc.Arbitrary<Action[]> = fc
  .tuple(
    fc.constantFrom(...PATHS),
    fc.array(fc.tuple(fc.nat(), action), { maxLength: 3 }),
    fc.array(action, { minLength: 1, maxLength: 10 }),
  )
  .map(([path, slipped, tail]) => {
    const actions = [...path];
    for (const [at, extra] of slipped) actions.splice(at % (actions.length + 1), 0, extra);
    return [...actions, ...tail];
  });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002' });
});
afterAll(async () => t?.close());

function ended(caller: FaultCaller): boolean {
  return caller.hungUp() || Boolean(caller.enqueuedIn()) || !caller.waiting();
}

async function seqOf(callSid: string): Promise<number> {
  return (await sessionOf(t.database.db, callSid))?.seq ?? 0;
}

/** Plays one action at the caller's current Gather, as Twilio would deliver it. */
async function play(caller: FaultCaller, step: Action) {
  const accepts = (caller.lastGather()?.input ?? 'dtmf').split(/\s+/);
  if (step.kind === 'replay') {
    const earlier = caller.requests.filter((r) => /\/voice\/(incoming|step)/.test(r.url));
    const original = earlier[step.pick % earlier.length]!;
    const seq = await seqOf(caller.callSid);
    const again = await replay(t.app, original);
    expect(again.statusCode).toBe(200);
    expect(again.body, `replay of ${original.url}`).toBe(original.body);
    expect(await seqOf(caller.callSid)).toBe(seq);
    return;
  }
  // Twilio ignores keys at a speech-only Gather and speech at a keys-only one: that is silence.
  if (step.kind === 'digits' && accepts.includes('dtmf')) await caller.press(step.digits);
  else if (step.kind === 'speech' && accepts.includes('speech')) await caller.say(step.text);
  else await caller.silence();
}

it(
  'keeps every random call valid, bounded and whole',
  async () => {
    await fc.assert(
      fc.asyncProperty(callerActions, async (actions) => {
        const caller = new FaultCaller(t.app);
        await caller.start();
        let lastSeq = await seqOf(caller.callSid);
        for (const step of actions) {
          if (ended(caller)) break;
          await play(caller, step);
          const seq = await seqOf(caller.callSid);
          expect(seq).toBeGreaterThanOrEqual(lastSeq);
          lastSeq = seq;
        }
        // A caller who then says nothing at all still reaches an end.
        let silences = 0;
        while (!ended(caller) && silences < SILENCE_BOUND) {
          await caller.silence();
          silences++;
        }
        expect(ended(caller), `still waiting after ${SILENCE_BOUND} silent turns`).toBe(true);

        // Every answer was valid TwiML, and none was the apology for a failure of ours.
        for (const request of caller.requests) {
          assertValidTwiml(request.body, request.url.includes('/queue/wait') ? { gatherFallthrough: 'none' } : {});
        }
        expect(caller.heardAll()).not.toMatch(TECHNICAL_TROUBLE);

        // At most one request, and a number heard is the one filed.
        const filed = await requestsOfCall(t.database.db, caller.callSid);
        expect(filed.length).toBeLessThanOrEqual(1);
        const heard = confirmationHeard(caller.heardAll());
        if (heard) expect(filed.map((r) => r.confirmation)).toContain(heard);

        // The session's counter matches its turns, and each stored turn renders the answer given.
        const session = await sessionOf(t.database.db, caller.callSid);
        const turns = await turnsOf(t.database.db, caller.callSid);
        expect(turns.map((turn) => turn.seq)).toEqual(turns.map((_, i) => i + 1));
        expect(session!.seq).toBe(turns.length);
        for (const turn of turns) {
          const first = caller.requests.find((r) =>
            turn.seq === 1 ? r.url.endsWith('/voice/incoming') : new RegExp(`/voice/step\\?seq=${turn.seq - 1}(&|$)`).test(r.url),
          );
          expect(first, `no answer was given for turn ${turn.seq}`).toBeDefined();
          // A stored turn names shared hint lists (the location step's) instead of holding them.
          const reply = await unpackReply(t.database.db, turn.reply as StoredReply);
          const rendered = renderReply(reply, turn.language as Language, voiceUrls(TEST_PUBLIC_BASE_URL, turn.seq));
          expect(first!.body).toBe(rendered);
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
    );
  },
  600_000,
);
