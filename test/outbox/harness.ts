import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../db/client.js';
import type { TwilioHttpClient, TwilioHttpRequest, TwilioHttpResponse } from '../../src/twilio/sender.js';
import { createTestDatabase } from '../helpers/database.js';
import { TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../helpers/twilio-request.js';

export const TEST_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const SMS_FROM = '+14435550100';
export const LINE_NUMBER = '+14435550199';

/** A request the twilio client would have sent, with its form fields. */
export interface RecordedRequest {
  method: string;
  uri: string;
  data: Record<string, string>;
}

type Responder = (request: RecordedRequest) => TwilioHttpResponse | Promise<TwilioHttpResponse>;

/**
 * Stands in for twilio's RequestClient: records every request and answers like Twilio (201 with a
 * new SID) unless a test says otherwise. Nothing leaves the process.
 */
export class RecordingHttpClient implements TwilioHttpClient {
  readonly requests: RecordedRequest[] = [];
  private responder: Responder = created;

  /** Answers every later request with `statusCode` and a Twilio error body. */
  failWith(statusCode: number, code = 20500): this {
    this.responder = () => twilioError(statusCode, code);
    return this;
  }

  recover(): this {
    this.responder = created;
    return this;
  }

  answerWith(responder: Responder): this {
    this.responder = responder;
    return this;
  }

  async request(options: TwilioHttpRequest): Promise<TwilioHttpResponse> {
    const recorded: RecordedRequest = {
      method: options.method,
      uri: options.uri,
      data: { ...(options.data as Record<string, string>) },
    };
    this.requests.push(recorded);
    return this.responder(recorded);
  }

  texts() {
    return this.requests.filter((r) => r.uri.endsWith('/Messages.json'));
  }

  calls() {
    return this.requests.filter((r) => r.uri.endsWith('/Calls.json'));
  }
}

export function created(request: RecordedRequest): TwilioHttpResponse {
  const prefix = request.uri.endsWith('/Calls.json') ? 'CA' : 'SM';
  const sid = `${prefix}${randomBytes(16).toString('hex')}`;
  return { statusCode: 201, headers: {}, body: JSON.stringify({ sid, account_sid: TEST_ACCOUNT_SID, status: 'queued' }) };
}

export function twilioError(statusCode: number, code: number): TwilioHttpResponse {
  // Twilio's real messages quote the number, which is why the worker must never store them.
  const message = `The 'To' number +14105550123 is not reachable (${code})`;
  return { statusCode, headers: {}, body: JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: statusCode }) };
}

/** Every log line the app wrote, parsed, plus the raw text. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  text(): string {
    return this.lines.join('\n');
  }

  messages(): string[] {
    return this.lines.map((l) => (JSON.parse(l) as { msg?: string }).msg ?? '');
  }
}

export interface OutboxTestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  http: RecordingHttpClient;
  logs: LogCapture;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database clone (or a given one, shared with another app), with Twilio
 * credentials configured so the official REST client runs over the recording HTTP client, and a
 * plain pino logger (no redaction, no scrubbing) writing to a capture: what the outbox logs is
 * exactly what it chose to log.
 */
export async function createOutboxApp(
  env: Record<string, string> = {},
  options: { database?: Database } = {},
): Promise<OutboxTestApp> {
  const config = loadConfig({
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    SMS_FROM,
    LINE_NUMBER,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'b311-outbox-')),
    LOG_LEVEL: 'debug',
    OUTBOX_POLL_MS: '0',
    ...env,
  });
  const database = options.database ?? (await createTestDatabase());
  const http = new RecordingHttpClient();
  const logs = new LogCapture();
  const app = await buildApp({ config, database, logger: pino({ level: config.LOG_LEVEL }, logs.stream), twilioHttpClient: http });
  await app.ready();
  return {
    app,
    database,
    config,
    http,
    logs,
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

/** One minute ahead per step: enough to make any retry of a short test backoff due. */
export function later(minutes: number): Date {
  return new Date(Date.now() + minutes * 60_000);
}
