import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from './database.js';
import { TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL, TestCaller } from './twilio-request.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** A new caller on this app, signed with the test token. */
  caller(options?: { from?: string; to?: string; callSid?: string }): TestCaller;
  close(): Promise<void>;
}

/** Builds the real service on a fresh database clone, with a known Twilio token and base URL. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: Database; logger?: Logger } = {},
): Promise<TestApp> {
  const config = loadConfig({
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'b311-test-')),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '0',
    ...env,
  });
  const database = options.database ?? (await createTestDatabase());
  const app = await buildApp({ config, database, logger: options.logger ?? pino({ level: config.LOG_LEVEL }) });
  await app.ready();
  return {
    app,
    database,
    config,
    caller: (o = {}) =>
      new TestCaller({ app, authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL, ...o }),
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
