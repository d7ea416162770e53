import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { createOutboxWorker, safeError, type OutboxStats, type RoundResult, type RunOptions } from './worker.js';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: {
      /** Sends everything due now; resolves to the number sent. */
      drain(options?: RunOptions): Promise<number>;
      /** One claim-and-send round of at most OUTBOX_BATCH rows. */
      runOnce(options?: RunOptions): Promise<RoundResult>;
      stats(options?: RunOptions): Promise<OutboxStats>;
    };
  }
}

/**
 * Sends the outbox through app.twilio: every OUTBOX_POLL_MS (0: only when drain() is called, as
 * tests do), from the moment the app is ready until it closes. Closing waits for the sends under
 * way to be recorded, before the database plugin closes the database.
 */
async function outboxPlugin(app: FastifyInstance) {
  const { config } = app;
  const log = app.log.child({ component: 'outbox' });
  const worker = createOutboxWorker({
    db: app.db,
    sender: app.twilio,
    log,
    batch: config.OUTBOX_BATCH,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    backoffMs: config.OUTBOX_BACKOFF_MS,
    leaseMs: config.OUTBOX_LEASE_MS,
  });

  let timer: NodeJS.Timeout | undefined;
  let closing = false;
  const poll = async () => {
    try {
      await worker.drain();
    } catch (err) {
      log.error({ error: safeError(err) }, 'outbox round failed');
    } finally {
      if (!closing) timer = setTimeout(poll, config.OUTBOX_POLL_MS);
    }
  };

  if (config.OUTBOX_POLL_MS > 0) {
    // Rows left by a previous run go out as soon as the app is up.
    app.addHook('onReady', async () => {
      timer = setTimeout(poll, 0);
    });
  }
  app.addHook('onClose', async () => {
    closing = true;
    clearTimeout(timer);
    await worker.stop();
  });

  app.decorate('outbox', { drain: worker.drain, runOnce: worker.runOnce, stats: worker.stats });
}

export default fp(outboxPlugin, { name: 'outbox', dependencies: ['config', 'database', 'twilio'] });
