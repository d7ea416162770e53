/**
 * Plays a call the way Twilio does: requests TwiML, runs its verbs in order, waits at a
 * <Gather>, follows <Redirect>, holds in an <Enqueue> (replaying its waitUrl), and posts the
 * status callback when the call ends. It knows the Twilio contract only, never the service's
 * routes, and speaks HTTP through a Transport so tests can use app.inject() and the softphone
 * real requests.
 */
import { randomBytes } from 'node:crypto';
import {
  elementsOf,
  parseTwiml,
  textOf,
  validateTwiml,
  type TwimlElement,
  type ValidateOptions,
} from '../../test/helpers/twiml.js';

export interface WebhookRequest {
  method: 'GET' | 'POST';
  /** The full public URL, the one Twilio signs. */
  url: string;
  params: Record<string, string>;
}
export interface WebhookResponse {
  status: number;
  contentType: string;
  body: string;
}
export type Transport = (request: WebhookRequest) => Promise<WebhookResponse>;

export type CallerInput =
  | { kind: 'digits'; digits: string }
  /** `confidence: null` leaves the Confidence parameter out, as Twilio sometimes does. */
  | { kind: 'speech'; text: string; confidence?: number | null }
  | { kind: 'silence' }
  | { kind: 'hangup' };

export type CallEvent =
  | { type: 'request'; method: string; url: string; params: Record<string, string> }
  | { type: 'say'; text: string; voice?: string; language?: string }
  | { type: 'play'; url: string; digits?: string }
  | { type: 'pause'; seconds: number }
  | { type: 'gather'; input: string[]; hints?: string; language?: string; numDigits?: string }
  | { type: 'redirect'; url: string }
  | { type: 'enqueue'; queue: string }
  | { type: 'hold'; queue: string }
  | { type: 'leave'; result: string }
  | { type: 'dial'; targets: string[] }
  | { type: 'hangup'; reason: string }
  | { type: 'status'; status: number }
  | { type: 'note'; message: string }
  | { type: 'problem'; message: string };

export interface CallEngineOptions {
  transport: Transport;
  /** Where the service is published (Twilio's view), e.g. https://311.example.org. */
  publicBaseUrl: string;
  /** The call's webhook parameters (see twilioCallParams); CallStatus is set per request. */
  params: Record<string, string>;
  incomingPath?: string;
  /** Posted with CallStatus=completed when the call ends; null to skip. */
  statusCallbackPath?: string | null;
  /** Requested with ErrorCode/ErrorUrl when a webhook fails (non-strict only); null to skip. */
  fallbackPath?: string | null;
  /** Throw on any failed, non-XML or invalid TwiML answer instead of reporting it. */
  strict?: boolean;
  /** Rules for call documents; waitUrl documents never need anything after a Gather. */
  validate?: ValidateOptions;
  onEvent?: (event: CallEvent) => void;
  now?: () => number;
}

interface Position {
  doc: TwimlElement;
  url: string;
  index: number;
}

interface Queue {
  name: string;
  enqueue: TwimlElement;
  url: string;
  after: Position;
  sid: string;
  enteredAt: number;
}

type State =
  | { kind: 'idle' }
  | { kind: 'gather'; at: Position; gather: TwimlElement }
  | { kind: 'holding' }
  | { kind: 'connected' }
  | { kind: 'ended'; reason: string };

export class CallEngine {
  state: State = { kind: 'idle' };
  /** The last TwiML document received, and the URL it came from. */
  lastTwiml = '';
  lastUrl = '';
  private queue: Queue | undefined;
  private requests = 0;
  private startedAt = 0;
  /** Seconds the call would have spent in pauses, timeouts and hold, which we skip. */
  private skippedSeconds = 0;
  private readonly now: () => number;

  constructor(private readonly options: CallEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  get ended(): boolean {
    return this.state.kind === 'ended';
  }

  /** The queue the caller holds in: its name and the <Enqueue> attributes. */
  queued(): { name: string; attributes: Readonly<Record<string, string>> } | undefined {
    return this.queue ? { name: this.queue.name, attributes: this.queue.enqueue.attributes } : undefined;
  }

  /** Seconds since the call started, counting the waits we skipped. */
  elapsedSeconds(): number {
    return Math.round((this.now() - this.startedAt) / 1000 + this.skippedSeconds);
  }

  publicUrl(path: string): string {
    return new URL(path, this.options.publicBaseUrl.replace(/\/?$/, '/')).toString();
  }

  async start(): Promise<void> {
    if (this.state.kind !== 'idle' || this.requests > 0) throw new Error('the call has already started');
    this.startedAt = this.now();
    const url = this.publicUrl((this.options.incomingPath ?? '/voice/incoming').replace(/^\//, ''));
    await this.fetchAndRun(url, 'POST', {});
  }

  async input(input: CallerInput): Promise<void> {
    const state = this.state;
    if (state.kind === 'ended') throw new Error(`the call has ended (${state.reason})`);
    if (state.kind === 'idle') throw new Error('the call is not waiting for input: call start() first');
    if (input.kind === 'hangup') {
      if (this.queue) await this.leaveQueue('hangup');
      return this.end('caller hung up');
    }
    if (state.kind === 'gather') return this.answerGather(state.at, state.gather, input);
    if (state.kind === 'holding') {
      if (input.kind === 'silence') {
        this.skippedSeconds += 30;
        return this.playWaitUrl();
      }
      return this.problem('the caller is on hold without a <Gather>: Twilio ignores this input');
    }
    this.emit({ type: 'note', message: 'connected to another party: only a hang-up ends the call here' });
  }

  private emit(event: CallEvent) {
    this.options.onEvent?.(event);
  }

  private problem(message: string) {
    if (this.options.strict) throw new Error(message);
    this.emit({ type: 'problem', message });
  }

  private async answerGather(at: Position, gather: TwimlElement, input: CallerInput): Promise<void> {
    const attrs = gather.attributes;
    const accepts = (attrs.input ?? 'dtmf').split(/\s+/);
    const extra: Record<string, string> = {};
    let empty = input.kind === 'silence';
    if (input.kind === 'digits') {
      if (!accepts.includes('dtmf')) {
        this.problem(`this <Gather> takes input="${attrs.input}": key presses are ignored`);
        empty = true;
      } else {
        let digits = input.digits;
        const finishOnKey = attrs.finishOnKey ?? '#';
        if (finishOnKey && digits.endsWith(finishOnKey)) {
          digits = digits.slice(0, -finishOnKey.length);
          extra.FinishedOnKey = finishOnKey;
        }
        const numDigits = Number(attrs.numDigits);
        if (numDigits > 0 && digits.length > numDigits) digits = digits.slice(0, numDigits);
        if (digits) extra.Digits = digits;
        else empty = true;
      }
    } else if (input.kind === 'speech') {
      if (!accepts.includes('speech')) {
        this.problem(`this <Gather> takes input="${attrs.input ?? 'dtmf'}": speech is ignored`);
        empty = true;
      } else {
        extra.SpeechResult = input.text;
        if (input.confidence !== null) extra.Confidence = String(input.confidence ?? 0.9);
      }
    }
    if (empty) {
      this.skippedSeconds += Number(attrs.timeout ?? 5) || 5;
      // Silence falls through to the verb after the Gather, unless actionOnEmptyResult.
      if (attrs.actionOnEmptyResult !== 'true') return this.run({ ...at, index: at.index + 1 });
      delete extra.FinishedOnKey;
    }
    const action = new URL(attrs.action ?? at.url, at.url).toString();
    await this.fetchAndRun(action, attrs.method === 'GET' ? 'GET' : 'POST', extra);
  }

  private async fetchAndRun(url: string, method: 'GET' | 'POST', extra: Record<string, string>) {
    const doc = await this.fetch(url, method, extra);
    if (doc) await this.run({ doc, url, index: 0 });
  }

  private async fetch(
    url: string,
    method: 'GET' | 'POST',
    extra: Record<string, string>,
    fallback = true,
  ): Promise<TwimlElement | undefined> {
    this.state = { kind: 'idle' };
    const params = { ...this.options.params, CallStatus: this.requests === 0 ? 'ringing' : 'in-progress', ...extra };
    this.emit({ type: 'request', method, url, params });
    this.requests++;
    const response = await this.options.transport({ method, url, params });
    let failure: { code: string; message: string } | undefined;
    if (response.status !== 200) {
      failure = { code: '11200', message: `${method} ${url} answered HTTP ${response.status}: ${response.body.slice(0, 300)}` };
    } else if (!/^text\/xml\b/.test(response.contentType)) {
      failure = { code: '12300', message: `${method} ${url} answered Content-Type "${response.contentType}", not text/xml` };
    }
    let doc: TwimlElement | undefined;
    if (!failure) {
      const errors = validateTwiml(response.body, { ...this.options.validate, ...(this.queue ? { gatherFallthrough: 'none' } : {}) });
      try {
        doc = parseTwiml(response.body);
      } catch {
        failure = { code: '12100', message: `${method} ${url}: ${errors.join('; ')}` };
      }
      if (doc && errors.length) this.problem(`${method} ${url} answered invalid TwiML:\n  - ${errors.join('\n  - ')}`);
    }
    if (failure) {
      this.problem(failure.message);
      const fallbackPath = this.options.fallbackPath === undefined ? '/voice/fallback' : this.options.fallbackPath;
      if (fallback && fallbackPath) {
        return this.fetch(this.publicUrl(fallbackPath.replace(/^\//, '')), 'POST', { ErrorCode: failure.code, ErrorUrl: url }, false);
      }
      this.emit({ type: 'say', text: 'We are sorry, an application error has occurred. Goodbye.' });
      await this.end('application error');
      return undefined;
    }
    this.lastTwiml = response.body;
    this.lastUrl = url;
    return doc;
  }

  private async run(at: Position): Promise<void> {
    const verbs = elementsOf(at.doc);
    for (let index = at.index; index < verbs.length; index++) {
      const verb = verbs[index];
      if (!verb) break;
      const attrs = verb.attributes;
      switch (verb.name) {
        case 'Say':
        case 'Play':
        case 'Pause':
          this.play(verb);
          break;
        case 'Gather': {
          elementsOf(verb).forEach((prompt) => this.play(prompt));
          const event: CallEvent = { type: 'gather', input: (attrs.input ?? 'dtmf').split(/\s+/) };
          if (attrs.hints) event.hints = attrs.hints;
          if (attrs.language) event.language = attrs.language;
          if (attrs.numDigits) event.numDigits = attrs.numDigits;
          this.emit(event);
          this.state = { kind: 'gather', at: { ...at, index }, gather: verb };
          return;
        }
        case 'Redirect': {
          const url = new URL(textOf(verb), at.url).toString();
          this.emit({ type: 'redirect', url });
          return this.fetchAndRun(url, attrs.method === 'GET' ? 'GET' : 'POST', {});
        }
        case 'Hangup':
        case 'Reject':
          if (this.queue) await this.leaveQueue('hangup');
          return this.end(verb.name === 'Reject' ? `rejected (${attrs.reason ?? 'rejected'})` : 'the service hung up');
        case 'Enqueue':
          if (this.queue) {
            this.problem('<Enqueue> while already in a queue');
            break;
          }
          return this.enterQueue(verb, { ...at, index: index + 1 });
        case 'Leave':
          if (this.queue) return this.leaveQueue('leave');
          this.emit({ type: 'note', message: '<Leave> outside a queue does nothing' });
          break;
        case 'Dial': {
          const targets = elementsOf(verb).map((noun) => `${noun.name} ${textOf(noun)}`.trim());
          const text = verb.children.filter((c): c is string => typeof c === 'string').join('').trim();
          if (text) targets.unshift(`Number ${text}`);
          this.emit({ type: 'dial', targets });
          this.state = { kind: 'connected' };
          return;
        }
        default:
          this.emit({ type: 'note', message: `<${verb.name}> is not simulated; skipped` });
      }
    }
    if (this.queue) {
      // The waitUrl document has played out: Twilio requests it again while the caller holds.
      this.emit({ type: 'hold', queue: this.queue.name });
      this.state = { kind: 'holding' };
      return;
    }
    return this.end('the document ended');
  }

  private play(verb: TwimlElement) {
    if (verb.name === 'Say') {
      const event: CallEvent = { type: 'say', text: textOf(verb) };
      if (verb.attributes.voice) event.voice = verb.attributes.voice;
      if (verb.attributes.language) event.language = verb.attributes.language;
      this.emit(event);
    } else if (verb.name === 'Play') {
      const event: CallEvent = { type: 'play', url: textOf(verb) };
      if (verb.attributes.digits) event.digits = verb.attributes.digits;
      this.emit(event);
    } else if (verb.name === 'Pause') {
      const seconds = Number(verb.attributes.length ?? 1) || 1;
      this.skippedSeconds += seconds;
      this.emit({ type: 'pause', seconds });
    }
  }

  private queueParams(queue: Queue): Record<string, string> {
    const waited = String(Math.max(0, this.elapsedSeconds() - queue.enteredAt));
    return { QueueSid: queue.sid, QueueTime: waited, QueuePosition: '1', CurrentQueueSize: '1', AvgQueueTime: waited };
  }

  private async enterQueue(enqueue: TwimlElement, after: Position) {
    this.queue = {
      name: textOf(enqueue),
      enqueue,
      url: after.url,
      after,
      sid: `QU${randomBytes(16).toString('hex')}`,
      enteredAt: this.elapsedSeconds(),
    };
    this.emit({ type: 'enqueue', queue: this.queue.name });
    await this.playWaitUrl();
  }

  private async playWaitUrl() {
    const queue = this.queue;
    if (!queue) return;
    const waitUrl = queue.enqueue.attributes.waitUrl;
    if (!waitUrl) {
      this.emit({ type: 'play', url: "(Twilio's default hold music)" });
      this.emit({ type: 'hold', queue: queue.name });
      this.state = { kind: 'holding' };
      return;
    }
    const method = queue.enqueue.attributes.waitUrlMethod === 'GET' ? 'GET' : 'POST';
    await this.fetchAndRun(new URL(waitUrl, queue.url).toString(), method, this.queueParams(queue));
  }

  private async leaveQueue(result: 'leave' | 'hangup') {
    const queue = this.queue;
    if (!queue) return;
    const params = { QueueResult: result, QueueSid: queue.sid, QueueTime: this.queueParams(queue).QueueTime ?? '0' };
    this.queue = undefined;
    this.emit({ type: 'leave', result });
    const action = queue.enqueue.attributes.action;
    if (action) {
      const url = new URL(action, queue.url).toString();
      const doc = await this.fetch(url, queue.enqueue.attributes.method === 'GET' ? 'GET' : 'POST', params);
      // After a hang-up the call is gone: Twilio notifies the action and ignores its TwiML.
      if (doc && result !== 'hangup') await this.run({ doc, url, index: 0 });
      return;
    }
    if (result !== 'hangup') await this.run(queue.after);
  }

  private async end(reason: string) {
    if (this.state.kind === 'ended') return;
    this.state = { kind: 'ended', reason };
    this.emit({ type: 'hangup', reason });
    const statusPath = this.options.statusCallbackPath === undefined ? '/voice/status' : this.options.statusCallbackPath;
    if (!statusPath) return;
    const url = this.publicUrl(statusPath.replace(/^\//, ''));
    const params = {
      ...this.options.params,
      CallStatus: 'completed',
      CallDuration: String(this.elapsedSeconds()),
      Timestamp: new Date(this.now()).toUTCString(),
    };
    this.emit({ type: 'request', method: 'POST', url, params });
    const response = await this.options.transport({ method: 'POST', url, params });
    this.emit({ type: 'status', status: response.status });
    if (response.status < 200 || response.status >= 300) {
      this.problem(`POST ${url} (status callback) answered HTTP ${response.status}`);
    }
  }
}
