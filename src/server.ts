import closeWithGrace from 'close-with-grace';
import { loadConfig } from './config.js';
import { buildApp } from './app.js';
import { createLogger } from './logging.js';
import { warmUp } from './warm-up.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(`Configuration error: ${(err as Error).message}`);
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL);
let app;
try {
  app = await buildApp({ config, logger });
} catch (err) {
  logger.fatal({ err }, 'could not start');
  console.error((err as Error).message);
  process.exit(1);
}

// In-flight webhooks finish, background work stops, then the database closes (app.close runs
// every plugin's onClose hook in reverse order of registration).
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});

app.log.info({ ms: await warmUp(app) }, 'caches loaded');
await app.listen({ port: config.PORT, host: config.HOST });
