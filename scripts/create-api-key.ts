/**
 * Creates an API key and prints it once; only its SHA-256 is stored.
 *
 *   npm run key:create -- open311 "SeeClickFix"                 an Open311 client (POST requests)
 *   npm run key:create -- department transportation "work orders"  a department update key
 *
 * Uses the service's own configuration (DATABASE_URL or DATA_DIR) and migrates first.
 */
import { seed } from '../db/seed/index.js';
import { createDepartmentKey } from '../src/departments/keys.js';
import { createApiClient } from '../src/open311/api-keys.js';
import { runWithDatabase } from './with-database.js';

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

await runWithDatabase(async (db) => {
  // A department key needs the departments table filled.
  await seed(db);
  const created = kind === 'open311' ? await createApiClient(db, name.trim()) : await createDepartmentKey(db, name.trim(), label.trim());
  console.log(`Created ${kind} key #${created.id} for ${name.trim()}. Store it now; it is not shown again:\n\n${created.key}\n`);
  return 0;
});
