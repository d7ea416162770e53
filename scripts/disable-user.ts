/**
 * Disables a supervisor console account: it cannot sign in again and its sessions end at once.
 *
 *   npm run user:disable -- jsmith
 *
 * The account is kept (the audit log names it). Uses the service's own configuration
 * (DATABASE_URL or DATA_DIR) and migrates first.
 */
import { openDatabase } from '../db/client.js';
import { loadConfig } from '../src/config.js';
import { disableUser } from '../src/admin/users.js';

const USAGE = 'usage: npm run user:disable -- <username>';

const args = process.argv.slice(2).filter((a) => a !== '--');
const username = args[0]?.trim().toLowerCase();
if (!username || args.length !== 1 || username.startsWith('-')) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, timeoutMs: 10_000 });
let exitCode = 0;
try {
  await database.migrate();
  if (await disableUser(database.db, { username, actor: 'cli' })) {
    console.log(`Disabled ${username}; their sessions have ended.`);
  } else {
    console.error(`There is no user ${username}.`);
    exitCode = 1;
  }
} catch (err) {
  console.error((err as Error).message);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
