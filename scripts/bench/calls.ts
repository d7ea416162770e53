/**
 * The calls the bench places: whole calls through the real flow, every answer parsed and checked
 * as TwiML by the softphone's CallEngine (strict: a non-200, a wrong Content-Type or invalid
 * TwiML throws), and every prompt checked against what a caller at that point must hear.
 */
import { CallEngine, type CallEvent, type CallerInput, type Transport } from '../softphone/call-engine.js';
import { twilioCallParams } from '../softphone/call-params.js';

export const CALL_KINDS = ['report', 'status', 'police'] as const;
export type CallKind = (typeof CALL_KINDS)[number];


/** A call that went wrong: which step, what the caller heard, and why. */
export class CallFailure extends Error {
  constructor(
    readonly kind: CallKind | 'baseline',
    readonly step: string,
    message: string,
    readonly heard = '',
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}

export interface CallContext {
  transport: Transport;
  publicBaseUrl: string;
  /** The caller's number: unique per call, so the line never recognises a repeat caller. */
  from: string;
  /**
   * Mean pause before each of the caller's answers (a person listening and speaking), in ms;
   * each pause is drawn between half and one and a half of it, so callers never march in step.
   */
  thinkMs: number;
  /** Confirmation numbers read back by earlier report calls, for status checks. */
  confirmations: string[];
  /** Told how long each step of the call took (its webhooks, Redirects followed included). */
  onTurn?: (step: string, ms: number) => void;
  /**
   * When the phase is over (a performance.now() time): a caller still on the line then hangs up
   * before their next answer, as people do, instead of keeping the bench waiting for the rest.
   */
  hangUpAt?: number;
}

/** Thrown when the caller hung up at the end of the phase: neither a completed call nor an error. */
export class HungUpAtPhaseEnd extends Error {
  constructor() {
    super('the caller hung up at the end of the phase');
    this.name = 'HungUpAtPhaseEnd';
  }
}

export interface CallResult {
  kind: CallKind | 'baseline';
  /** Confirmation number read back (report calls). */
  confirmation?: string;
  /** A report added to a neighbour's open request instead of filing a new one. */
  merged?: boolean;
}

// Problems the line understands at once, and long streets: a report lands on one of some 3,600
// (problem, block) pairs, so most are new requests, and a share that grows with the run meets an
// open request of the same kind on the same block (the neighbour's path).
const PROBLEMS = [
  { issue: 'there is a huge pothole in the road', description: 'It is deep and cars swerve around it', wanted: 'Please fill it' },
  { issue: 'graffiti on the wall', description: 'spray paint tags on the corner store', wanted: 'paint over it' },
  { issue: 'my trash was not picked up this week', description: 'the cans are still out on the curb', wanted: 'send the truck back' },
  { issue: 'the street light is out', description: 'the whole block is dark at night', wanted: 'fix the light' },
] as const;
// [street, first hundred-block, last hundred-block]: every block in between resolves to an
// address inside the city (checked against the gazetteer).
const STREETS: readonly [string, number, number][] = [
  ['Reisterstown Road', 2100, 6900], ['Eastern Avenue', 700, 6700], ['Edmondson Avenue', 800, 5200],
  ['Harford Road', 1900, 6900], ['North Charles Street', 100, 6000], ['The Alameda', 2700, 6200],
  ['Loch Raven Boulevard', 3200, 6300], ['Fleet Street', 700, 6000], ['Park Heights Avenue', 3400, 7300],
  ['Belair Road', 1900, 6600], ['East Lombard Street', 100, 6400], ['Liberty Heights Avenue', 2000, 5800],
  ['West North Avenue', 100, 5100], ['Greenmount Avenue', 600, 4000], ['West Franklin Street', 100, 4000],
  ['Boston Street', 2100, 6500], ['East Monument Street', 100, 4900], ['Orleans Street', 100, 3900],
  ['Saint Paul Street', 100, 4200], ['Frederick Avenue', 1600, 5400],
];

/** A problem at an address, drawn at random (or from `pick`, three numbers in [0, 1)). */
export function randomReport(pick: [number, number, number] = [Math.random(), Math.random(), Math.random()]) {
  const problem = PROBLEMS[Math.floor(pick[0] * PROBLEMS.length)]!;
  const [street, first, last] = STREETS[Math.floor(pick[1] * STREETS.length)]!;
  const blocks = (last - first) / 100 + 1;
  const block = Math.floor(pick[2] * blocks);
  // Within the block, a house number from the same draw (1 to 98).
  const house = first + block * 100 + 1 + (Math.floor(pick[2] * blocks * 98) % 98);
  return { ...problem, place: `${house} ${street}` };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A caller's pause: uniform between half and one and a half of the mean. */
export const pause = (meanMs: number) => (meanMs > 0 ? sleep(meanMs * (0.5 + Math.random())) : Promise.resolve());

/** One scripted caller: each answer is checked before the next input is sent. */
class ScriptedCall {
  private heard: string[] = [];
  private readonly engine: CallEngine;

  constructor(
    private readonly kind: CallKind | 'baseline',
    private readonly ctx: CallContext,
  ) {
    this.engine = new CallEngine({
      transport: ctx.transport,
      publicBaseUrl: ctx.publicBaseUrl,
      params: twilioCallParams({ from: ctx.from }),
      strict: true,
      fallbackPath: null,
      onEvent: (event: CallEvent) => {
        if (event.type === 'say') this.heard.push(event.text);
      },
    });
  }

  async start(step: string, expect: RegExp | undefined): Promise<string> {
    return this.turn(step, () => this.engine.start(), expect, 'gather');
  }

  async send(step: string, input: CallerInput, expect: RegExp | undefined, then: 'gather' | 'ended' | 'holding' = 'gather'): Promise<string> {
    await pause(this.ctx.thinkMs);
    if (this.ctx.hangUpAt !== undefined && performance.now() >= this.ctx.hangUpAt && input.kind !== 'hangup') {
      // Twilio's status callback closes the session, as for any caller who hangs up.
      await this.turn('hang up at the end of the phase', () => this.engine.input({ kind: 'hangup' }), undefined, 'ended');
      throw new HungUpAtPhaseEnd();
    }
    return this.turn(step, () => this.engine.input(input), expect, then);
  }

  private async turn(step: string, act: () => Promise<void>, expect: RegExp | undefined, then: string): Promise<string> {
    this.heard = [];
    const started = performance.now();
    try {
      await act();
      this.ctx.onTurn?.(`${this.kind}: ${step}`, performance.now() - started);
    } catch (err) {
      throw new CallFailure(this.kind, step, (err as Error).message, this.heard.join(' '));
    }
    const heard = this.heard.join(' ');
    if (expect && !expect.test(heard)) throw new CallFailure(this.kind, step, `unexpected prompt (wanted ${expect})`, heard);
    if (this.engine.state.kind !== then) {
      throw new CallFailure(this.kind, step, `the call is ${this.engine.state.kind}, expected ${then}`, heard);
    }
    return heard;
  }
}

const press = (digits: string): CallerInput => ({ kind: 'digits', digits });
const speak = (text: string): CallerInput => ({ kind: 'speech', text, confidence: 0.9 });

/** The confirmation number as read back: nine digits in groups of three. */
export function confirmationIn(heard: string): string | undefined {
  const digits = /(?:confirmation number is|added to request number)\s+([\d\s]+)/i.exec(heard)?.[1]?.replace(/\s/g, '');
  return digits && /^\d{9}/.test(digits) ? digits.slice(0, 9) : undefined;
}

/**
 * The whole errand in the first sentence (problem and place), one combined confirmation, what to
 * do, submission, read-back, text offer, goodbye: 7 webhooks, 8 when the line finds a neighbour's
 * open request and the caller joins it.
 */
export async function reportCall(ctx: CallContext, report = randomReport()): Promise<CallResult> {
  const call = new ScriptedCall('report', ctx);
  await call.start('greeting', /How can I help you today\?/);
  await call.send('opening', speak(`${report.issue} at ${report.place}`), /Is that right\?/);
  await call.send('report confirmed', speak('yes'), /what would you like the city to do/i);
  let readBack = await call.send('requested action', speak(report.wanted), /Your confirmation number is|already been reported/);
  const merged = /already been reported/.test(readBack);
  if (merged) readBack = await call.send('join the open request', press('1'), /Your report was added to request number/);
  const confirmation = confirmationIn(readBack);
  if (!confirmation) throw new CallFailure('report', 'read-back', 'no nine-digit confirmation number read back', readBack);
  await call.send('read-back heard', press('2'), /text you this confirmation number/);
  await call.send('text offer', speak('yes please'), /You'll get a text.*Goodbye/, 'ended');
  return { kind: 'report', confirmation, merged };
}

/** Keys in a confirmation number from an earlier call and hears its status: 4 webhooks. */
export async function statusCall(ctx: CallContext, pick = Math.random()): Promise<CallResult> {
  const confirmation = ctx.confirmations[Math.floor(pick * ctx.confirmations.length)];
  if (!confirmation) throw new Error('a status call needs a confirmation number from an earlier report');
  const call = new ScriptedCall('status', ctx);
  await call.start('greeting', /2 to check on a request/);
  await call.send('menu', press('2'), /enter your confirmation number/);
  const heard = await call.send('number', press(`${confirmation}#`), /To report something new, press 2/);
  // The status names the request: digits are read in groups, so compare without spaces.
  if (!heard.replace(/\s/g, '').includes(confirmation)) {
    throw new CallFailure('status', 'number', `the status did not name request ${confirmation}`, heard);
  }
  await call.send('silence', { kind: 'silence' }, /Goodbye/, 'ended');
  return { kind: 'status' };
}

/** Police non-emergency from the first question's keypad: transfer, queue, hold music, hang-up on hold: 4 webhooks. */
export async function policeCall(ctx: CallContext): Promise<CallResult> {
  const call = new ScriptedCall('police', ctx);
  await call.start('greeting', /3 for a police matter/);
  // The hold music's document offers a call-back by keypad, so the caller waits at a Gather.
  await call.send('menu', press('3'), /Police non-emergency line.*Please hold for a police call-taker/i);
  await call.send('hang up on hold', { kind: 'hangup' }, undefined, 'ended');
  return { kind: 'police' };
}

export function placeCall(kind: CallKind, ctx: CallContext): Promise<CallResult> {
  switch (kind) {
    case 'report':
      return reportCall(ctx);
    case 'status':
      return statusCall(ctx);
    case 'police':
      return policeCall(ctx);
  }
}

/**
 * The baseline's call: the same client, as many webhooks as a call of the service (the first,
 * one key press per further answer, the status callback), each answer checked as TwiML.
 */
export async function baselineCall(ctx: CallContext, webhooks: number): Promise<CallResult> {
  const call = new ScriptedCall('baseline', ctx);
  await call.start('start', /Press a key/);
  for (let i = 0; i < webhooks - 2; i++) await call.send(`answer ${i + 1}`, press('1'), /Press a key/);
  await call.send('hang up', { kind: 'hangup' }, undefined, 'ended');
  return { kind: 'baseline' };
}
