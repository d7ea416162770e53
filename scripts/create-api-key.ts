/**
 * Creates an API key and prints it once; only its SHA-256 is stored.
 *
 *   npm run key:create -- open311 "SeeClickFix"                 an Open311 client (POST requests)
 *   npm run key:create -- department transportation "work orders"  a department update key
 *
 * Uses the service's own configuration (DATABASE_URL or DATA_DIR) and migrates first.
 */
import { openDatabase } from '../db/client.js';
import { seed } from '../db/seed/index.js';
import { loadConfig } from '../src/config.js';
import { createDepartmentKey } from '../src/departments/keys.js';
import { createApiClient } from '../src/open311/api-keys.js';

const USAGE = `usage: npm run key:create -- open311 <client name>
       npm run key:create -- department <department code> [label]`;

const [kind, name, label = ''] = process.argv.slice(2);
if (kind === '--help' || kind === '-h') {
  console.log(USAGE);
  process.exit(0);
}
if ((kind !== 'open311' && kind !== 'department') || !name?.trim()) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, timeoutMs: 10_000 });
let exitCode = 0;
try {
  await database.migrate();
  // A department key needs the departments table filled.
  await seed(database.db);
  const created =
    kind === 'open311' ? await createApiClient(database.db, name.trim()) : await createDepartmentKey(database.db, name.trim(), label.trim());
  console.log(`Created ${kind} key #${created.id} for ${name.trim()}. Store it now; it is not shown again:\n\n${created.key}\n`);
} catch (err) {
  console.error((err as Error).message);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
