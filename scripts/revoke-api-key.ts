/**
 * Revokes an API key by the id key:create printed ("Created open311 key #7 …"); it stops working
 * at once, on every instance.
 *
 *   npm run key:revoke -- 7                 the Open311 client key or department key #7
 *   npm run key:revoke -- open311 7         when both kinds have a live key #7
 *   npm run key:revoke -- department 7
 *
 * Uses the service's own configuration (DATABASE_URL or DATA_DIR) and migrates first.
 */
import { audit } from '../src/admin/audit.js';
import { hasLiveDepartmentKey, revokeDepartmentKey } from '../src/departments/keys.js';
import { hasLiveApiClient, revokeApiClient } from '../src/open311/api-keys.js';
import { runWithDatabase } from './with-database.js';

const USAGE = `usage: npm run key:revoke -- [open311|department] <key id>`;

const args = process.argv.slice(2).filter((a) => a !== '--');
const [kindArg, idArg] = args.length === 1 ? [undefined, args[0]] : args;
if (args.length < 1 || args.length > 2 || !/^[1-9][0-9]{0,9}$/.test(idArg ?? '') || (kindArg !== undefined && kindArg !== 'open311' && kindArg !== 'department')) {
  console.error(USAGE);
  process.exit(2);
}
const id = Number(idArg);

await runWithDatabase(async (db) => {
  let kind = kindArg;
  if (!kind) {
    const open311 = await hasLiveApiClient(db, id);
    const department = await hasLiveDepartmentKey(db, id);
    if (open311 && department) {
      console.error(`Both an Open311 key and a department key are #${id}; say which: npm run key:revoke -- open311 ${id}`);
      return 2;
    }
    kind = open311 ? 'open311' : department ? 'department' : undefined;
  }
  const revoked = kind === 'open311' ? await revokeApiClient(db, id) : kind === 'department' ? await revokeDepartmentKey(db, id) : undefined;
  if (!revoked) {
    console.error(`There is no live ${kind ?? 'Open311 or department'} key #${id}.`);
    return 1;
  }
  const who = 'name' in revoked ? revoked.name : `${revoked.departmentCode}${revoked.label ? ` (${revoked.label})` : ''}`;
  await audit(db, { actor: 'cli', action: 'key-revoke', subject: `${kind} key #${id}`, detail: { who } });
  console.log(`Revoked ${kind} key #${id} (${who}).`);
  return 0;
});
