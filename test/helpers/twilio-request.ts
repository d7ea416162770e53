/**
 * Requests signed exactly as Twilio signs them, sent with app.inject(), and a TestCaller that
 * drives a whole call through the service the way Twilio would.
 */
import { assertValidTwiml } from './twiml.js';
import type { FastifyInstance, LightMyRequestResponse as InjectResponse } from 'fastify';
import { CallEngine, type CallEvent, type CallEngineOptions, type Transport } from '../../scripts/softphone/call-engine.js';
import { twilioCallParams, type CallParamsInput } from '../../scripts/softphone/call-params.js';
import { formBody, twilioSignature, withQuery } from '../../scripts/softphone/signing.js';
import { gatherOf, hasHangup, dialOf, spokenText, type ValidateOptions, type EnqueueInfo } from './twiml.js';

export { twilioCallParams, type CallParamsInput } from '../../scripts/softphone/call-params.js';
export { twilioSignature } from '../../scripts/softphone/signing.js';

/** A token long enough for the config's minimum; any string signs. */
export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const TEST_PUBLIC_BASE_URL = 'https://311.example.org';

export interface SignedRequestOptions {
  /** The path the app serves, query included (`/voice/step/x?retry=1`), or a full public URL. */
  url: string;
  params: Record<string, string>;
  authToken: string;
  /** The URL Twilio is configured with, e.g. https://311.example.org (a path prefix is kept). */
  publicBaseUrl: string;
  method?: 'GET' | 'POST';
  /** Sign with a different token or URL than the one the request goes to (negative tests). */
  signature?: string;
}

function base(publicBaseUrl: string): string {
  return publicBaseUrl.replace(/\/+$/, '');
}

/** The full public URL Twilio signs for a path the app serves. */
export function publicUrlOf(publicBaseUrl: string, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${base(publicBaseUrl)}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** The path the app serves for a public URL; throws for URLs outside the service. */
export function pathOf(publicBaseUrl: string, url: string): string {
  if (!/^https?:\/\//.test(url)) return url;
  const prefix = base(publicBaseUrl);
  if (url !== prefix && !url.startsWith(`${prefix}/`) && !url.startsWith(`${prefix}?`)) {
    throw new Error(`TwiML sent the call to ${url}, outside the service published at ${publicBaseUrl}`);
  }
  // A path prefix in the public URL (https://host/311) belongs to the proxy, not the app.
  const path = url.slice(prefix.length);
  return path.startsWith('/') ? path : `/${path}`;
}

/** Sends a request signed like Twilio's (POST form body, or GET with the params in the query). */
export async function signedRequest(app: FastifyInstance, options: SignedRequestOptions): Promise<InjectResponse> {
  const method = options.method ?? 'POST';
  const publicUrl = publicUrlOf(options.publicBaseUrl, options.url);
  if (method === 'GET') {
    const signedUrl = withQuery(publicUrl, options.params);
    const signature = options.signature ?? twilioSignature(options.authToken, signedUrl, {});
    return app.inject({ method: 'GET', url: pathOf(options.publicBaseUrl, signedUrl), headers: { 'x-twilio-signature': signature } });
  }
  const signature = options.signature ?? twilioSignature(options.authToken, publicUrl, options.params);
  return app.inject({
    method: 'POST',
    url: pathOf(options.publicBaseUrl, publicUrl),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    payload: formBody(options.params),
  });
}

/** POSTs form parameters with the X-Twilio-Signature Twilio would send for publicBaseUrl + url. */
export async function signedPost(app: FastifyInstance, options: Omit<SignedRequestOptions, 'method'>): Promise<InjectResponse> {
  const response = await signedRequest(app, { ...options, method: 'POST' });
  // Every TwiML answer a test receives is held to the verbs, nesting and attributes twilio's own
  // declarations allow (TestCaller's engine checks its own). Hold documents (queue and agent
  // routes) may end in a Gather: Twilio replays them.
  if (response.statusCode === 200 && String(response.headers['content-type'] ?? '').includes('xml')) {
    assertValidTwiml(response.body, /\/voice\/(queue|agent)\//.test(options.url) ? { gatherFallthrough: 'none' } : {});
  }
  return response;
}

/** A Transport for CallEngine that answers through app.inject(). */
export function injectTransport(app: FastifyInstance, authToken: string, publicBaseUrl: string): Transport {
  return async ({ method, url, params }) => {
    const response = await signedRequest(app, { method, url, params, authToken, publicBaseUrl });
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.body,
    };
  };
}

export interface TestCallerOptions extends CallParamsInput {
  app: FastifyInstance;
  authToken?: string;
  publicBaseUrl?: string;
  incomingPath?: string;
  /** Posted when the call ends; null to skip. Default /voice/status. */
  statusCallbackPath?: string | null;
  /** Rules for every answer (default: a Redirect must follow each Gather). */
  validate?: ValidateOptions;
}

/**
 * A caller driving the service through inject(), as Twilio would: every answer must be 200
 * text/xml and valid TwiML, Redirects are followed, relative URLs resolve against the request
 * that produced them, and every request is signed for publicBaseUrl + path.
 */
export class TestCaller {
  readonly params: Record<string, string>;
  readonly events: CallEvent[] = [];
  private readonly engine: CallEngine;
  private heardSinceInput: string[] = [];

  constructor(options: TestCallerOptions) {
    const { app, authToken = TEST_AUTH_TOKEN, publicBaseUrl = TEST_PUBLIC_BASE_URL } = options;
    this.params = twilioCallParams(options);
    const engineOptions: CallEngineOptions = {
      transport: injectTransport(app, authToken, publicBaseUrl),
      publicBaseUrl,
      params: this.params,
      strict: true,
      fallbackPath: null,
      onEvent: (event) => {
        this.events.push(event);
        if (event.type === 'say') this.heardSinceInput.push(event.text);
      },
    };
    if (options.incomingPath) engineOptions.incomingPath = options.incomingPath;
    if (options.statusCallbackPath !== undefined) engineOptions.statusCallbackPath = options.statusCallbackPath;
    if (options.validate) engineOptions.validate = options.validate;
    this.engine = new CallEngine(engineOptions);
  }

  get callSid(): string {
    return this.params.CallSid ?? '';
  }

  /** The last TwiML document the service answered, and the public URL that answered it. */
  get twiml(): string {
    return this.engine.lastTwiml;
  }
  get url(): string {
    return this.engine.lastUrl;
  }

  /** Dials in: POST /voice/incoming, then follows the TwiML until it waits for the caller. */
  async start(): Promise<this> {
    this.heardSinceInput = [];
    await this.engine.start();
    return this;
  }

  /** Key presses at the current Gather (Digits); a trailing finishOnKey is sent as FinishedOnKey. */
  press(digits: string): Promise<this> {
    return this.send({ kind: 'digits', digits });
  }

  /** Speech at the current Gather: SpeechResult and Confidence (null leaves Confidence out). */
  say(text: string, confidence: number | null = 0.9): Promise<this> {
    return this.send({ kind: 'speech', text, confidence });
  }

  /**
   * No input: Twilio runs the verbs after the Gather (its Redirect), or posts the action when
   * actionOnEmptyResult is set. On hold, the waitUrl is requested again.
   */
  silence(): Promise<this> {
    return this.send({ kind: 'silence' });
  }

  /** The caller hangs up (leaving the queue if in one); the status callback is posted. */
  hangUp(): Promise<this> {
    return this.send({ kind: 'hangup' });
  }

  /** Everything the caller heard since their last input, across followed Redirects. */
  heard(): string {
    return this.heardSinceInput.join(' ');
  }

  /** The current Gather's attributes while the call waits at one. */
  gather(): Readonly<Record<string, string>> | undefined {
    return this.engine.state.kind === 'gather' ? this.engine.state.gather.attributes : undefined;
  }

  /** The queue the caller is holding in, from the last <Enqueue>. */
  enqueued(): EnqueueInfo | undefined {
    const queue = this.engine.queued();
    if (!queue) return undefined;
    const info: EnqueueInfo = { name: queue.name, attributes: queue.attributes };
    if (queue.attributes.waitUrl) info.waitUrl = queue.attributes.waitUrl;
    if (queue.attributes.action) info.action = queue.attributes.action;
    return info;
  }

  /** Whether the call has ended (Hangup, Reject, or a document that ran out). */
  hungUp(): boolean {
    return this.engine.ended;
  }

  /** Whom the last <Dial> connected the caller to, when it did. */
  dialled(): ReturnType<typeof dialOf> {
    return this.engine.state.kind === 'connected' ? dialOf(this.engine.lastTwiml) : undefined;
  }

  /** Helpers over the last TwiML document. */
  spoken(): string[] {
    return spokenText(this.engine.lastTwiml);
  }
  lastGather(): Readonly<Record<string, string>> | undefined {
    return gatherOf(this.engine.lastTwiml);
  }
  lastHasHangup(): boolean {
    return hasHangup(this.engine.lastTwiml);
  }

  private async send(input: Parameters<CallEngine['input']>[0]): Promise<this> {
    this.heardSinceInput = [];
    await this.engine.input(input);
    return this;
  }
}
