/**
 * Disables a supervisor console account: it cannot sign in again and its sessions end at once.
 *
 *   npm run user:disable -- jsmith
 *
 * The account is kept (the audit log names it). Uses the service's own configuration
 * (DATABASE_URL or DATA_DIR) and migrates first.
 */
import { disableUser } from '../src/admin/users.js';
import { runWithDatabase } from './with-database.js';

const USAGE = 'usage: npm run user:disable -- <username>';

const args = process.argv.slice(2).filter((a) => a !== '--');
const username = args[0]?.trim().toLowerCase();
if (!username || args.length !== 1 || username.startsWith('-')) {
  console.error(USAGE);
  process.exit(2);
}

await runWithDatabase(async (db) => {
  if (await disableUser(db, { username, actor: 'cli' })) {
    console.log(`Disabled ${username}; their sessions have ended.`);
    return 0;
  }
  console.error(`There is no user ${username}.`);
  return 1;
});
