import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import formbody from '@fastify/formbody';
import type { Logger } from 'pino';
import { trustProxyOption, type Config } from './config.js';
import type { Database } from '../db/client.js';
import { createLogger } from './logging.js';
import { AccessLog } from './access-log.js';
import configPlugin from './plugins/config.js';
import textGuard from './plugins/text-guard.js';
import databasePlugin from './plugins/database.js';
import metricsPlugin from './plugins/metrics.js';
import healthRoutes from './health/routes.js';
import metricsRoutes from './health/metrics-routes.js';
import backupRoutes from './health/backup-routes.js';
import voiceRoutes from './voice/routes.js';
import flowPlugin from './flow/plugin.js';
import adminPlugin from './admin/plugin.js';
import statsRoutes from './stats/routes.js';
import open311Routes from './open311/routes.js';
import departmentRoutes from './departments/routes.js';
import twilioPlugin from './twilio/client.js';
import outboxPlugin from './outbox/plugin.js';
import type { TwilioHttpClient } from './twilio/sender.js';

export interface AppOptions {
  config: Config;
  /** Supplied by tests: an opened, migrated, seeded database the app must not close. */
  database?: Database;
  /** Supplied by tests: records the Twilio REST requests instead of sending them. */
  twilioHttpClient?: TwilioHttpClient;
}

/** The whole service as a Fastify plugin: everything but listening. */
export async function app(fastify: FastifyInstance, opts: AppOptions) {
  await fastify.register(configPlugin, { config: opts.config });
  await fastify.register(metricsPlugin);
  await fastify.register(databasePlugin, opts.database ? { database: opts.database } : {});
  await fastify.register(flowPlugin);
  await fastify.register(twilioPlugin, opts.twilioHttpClient ? { httpClient: opts.twilioHttpClient } : {});
  await fastify.register(outboxPlugin);
  await fastify.register(formbody, { bodyLimit: 64 * 1024 });
  await fastify.register(textGuard);
  await fastify.register(healthRoutes);
  await fastify.register(metricsRoutes);
  await fastify.register(backupRoutes);
  await fastify.register(voiceRoutes);
  await fastify.register(adminPlugin);
  await fastify.register(statsRoutes);
  await fastify.register(open311Routes);
  await fastify.register(departmentRoutes);
}

export default fp(app, { name: 'baltimore-311' });

export interface BuildOptions extends AppOptions {
  logger?: Logger;
}

/** A hop count as the function Fastify itself makes of one (its types take a number on no overload). */
function fastifyTrustProxy(trust: false | number | string[]) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** Builds a Fastify instance with the service registered (server.ts and tests alike). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const fastify: FastifyInstance = Fastify({
    loggerInstance: (opts.logger ?? createLogger(opts.config.LOG_LEVEL)) as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    // Twilio waits 15 s in all; nothing we answer should take a fraction of that.
    connectionTimeout: 10_000,
    requestTimeout: 10_000,
    // Off unless TRUST_PROXY names the proxies: otherwise X-Forwarded-For is the client's to
    // forge, and request.ip (rate limits, sign-in throttling, the audit log) with it.
    trustProxy: fastifyTrustProxy(trustProxyOption(opts.config.TRUST_PROXY)),
    // First start migrates and seeds the gazetteer: seconds, but more than avvio's default 10 s
    // on a loaded machine.
    pluginTimeout: 120_000,
    // One line per request instead of Fastify's two (src/access-log.ts).
    logController: new AccessLog(),
  });
  await fastify.register(fp(app, { name: 'baltimore-311' }), opts);
  return fastify;
}
