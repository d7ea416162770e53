import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Why a caller heard the technical-trouble apology instead of the flow. */
export type FallbackReason = 'error' | 'unreadable' | 'bad_request' | 'twilio_fallback';

export interface Metrics {
  registry: Registry;
  webhookDuration: Histogram<'route'>;
  responses: Counter<'status_class'>;
  fallbacks: Counter<'reason'>;
  queueWaiting: Gauge<'queue'>;
  callbacksDue: Gauge;
  outboxPending: Gauge;
  outboxOldestAge: Gauge;
  callsInProgress: Gauge;
  /** 1 when the last read of the gauges above from the database succeeded, else 0. */
  databaseUp: Gauge;
  /** Prometheus text of this app's metrics and the process's. */
  render(): Promise<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/**
 * Process metrics (CPU, memory, event loop lag, GC) are the process's, not an app's: collected
 * once into a registry of their own, because each collectDefaultMetrics call installs observers
 * that live as long as the process, and tests build many apps in one process.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Seconds: Twilio gives up at 15, and a step should answer in a few tens of milliseconds. */
const WEBHOOK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

/** Builds this app's registry of metrics (one per app instance). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const metrics: Metrics = {
    registry,
    webhookDuration: new Histogram({
      name: 'voice_webhook_duration_seconds',
      help: 'Time to answer a Twilio voice webhook, by route',
      labelNames: ['route'],
      buckets: WEBHOOK_BUCKETS,
      registers,
    }),
    responses: new Counter({
      name: 'http_responses_total',
      help: 'HTTP responses sent, by status class (2xx, 3xx, 4xx, 5xx)',
      labelNames: ['status_class'],
      registers,
    }),
    fallbacks: new Counter({
      name: 'fallbacks_total',
      help: 'Callers sent the technical-trouble apology and the operator queue, by reason',
      labelNames: ['reason'],
      registers,
    }),
    queueWaiting: new Gauge({
      name: 'queue_waiting_callers',
      help: 'Callers holding in a live queue now',
      labelNames: ['queue'],
      registers,
    }),
    callbacksDue: new Gauge({ name: 'callbacks_due', help: 'Call-backs due for an agent now', registers }),
    outboxPending: new Gauge({ name: 'outbox_pending', help: 'Texts and call-backs waiting in the outbox', registers }),
    outboxOldestAge: new Gauge({
      name: 'outbox_oldest_age_seconds',
      help: 'Age of the oldest message still pending in the outbox (0 when none)',
      registers,
    }),
    callsInProgress: new Gauge({
      name: 'calls_in_progress',
      help: 'Calls started in the last 4 hours whose end Twilio has not reported yet',
      registers,
    }),
    databaseUp: new Gauge({
      name: 'db_up',
      help: '1 when the last read of the line gauges from the database succeeded, 0 when it failed',
      registers,
    }),
    async render() {
      const [own, processText] = await Promise.all([registry.metrics(), processMetrics().metrics()]);
      return `${own}\n${processText}`;
    },
  };
  for (const reason of ['error', 'unreadable', 'bad_request', 'twilio_fallback'] satisfies FallbackReason[]) {
    // Present from the start, so rate() and alerts see a series before the first fallback.
    metrics.fallbacks.inc({ reason }, 0);
  }
  return metrics;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * Decorates the app with its own registry and counts every response: its status class, and
 * for the voice webhooks the time taken by route (the route's pattern, never the raw URL).
 */
async function metricsPlugin(app: FastifyInstance) {
  const metrics = createMetrics();
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => {
    metrics.responses.inc({ status_class: `${Math.floor(reply.statusCode / 100)}xx` });
    const route = request.routeOptions.url;
    if (route?.startsWith('/voice/')) metrics.webhookDuration.observe({ route }, reply.elapsedTime / 1000);
  });
}

export default fp(metricsPlugin, { name: 'metrics' });
