import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database, type Db } from '../../db/client.js';
import { seed } from '../../db/seed/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Db;
  }
}

export interface DatabasePluginOptions {
  /** An already opened, migrated and seeded database (tests); the app then does not close it. */
  database?: Database;
}

/** Opens PostgreSQL (DATABASE_URL) or embedded PGlite (DATA_DIR), migrates and seeds it. */
async function databasePlugin(app: FastifyInstance, opts: DatabasePluginOptions) {
  let database = opts.database;
  if (!database) {
    const { config } = app;
    const started = performance.now();
    database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      timeoutMs: config.DB_TIMEOUT_MS,
      poolSize: config.DB_POOL_SIZE,
      prepare: config.DB_PREPARE,
    });
    const owned = database;
    app.addHook('onClose', async () => owned.close());
    await database.migrate();
    const seeded = await seed(database.db);
    app.log.info(
      { kind: database.kind, ms: Math.round(performance.now() - started), seeded },
      'database ready',
    );
  }
  app.decorate('database', database);
  app.decorate('db', database.db);
}

export default fp(databasePlugin, { name: 'database', dependencies: ['config'] });
