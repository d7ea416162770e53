/**
 * Creates a supervisor console account. The first account can only be made this way.
 *
 *   npm run user:create -- --username jsmith --role supervisor        prompts for the password
 *   printf '%s\n' "$PASSWORD" | npm run user:create -- --username ops --role viewer
 *   npm run user:create -- --username jsmith --role supervisor --reset-password
 *
 * The password is read from standard input (never from the command line, where `ps` and shell
 * history would keep it). Uses the service's own configuration (DATABASE_URL or DATA_DIR) and
 * migrates first. An existing user is only changed with --reset-password.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { MIN_PASSWORD_LENGTH } from '../src/admin/passwords.js';
import { createUser, isRole, ROLES } from '../src/admin/users.js';
import { runWithDatabase } from './with-database.js';

const USAGE = `usage: npm run user:create -- --username <name> --role <${ROLES.join('|')}> [--reset-password]
       the password is read from standard input (prompted for on a terminal)`;

function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    // Piped: the first line is the password.
    return new Promise((resolve, reject) => {
      let data = '';
      stdin.setEncoding('utf8');
      stdin.on('data', (chunk) => (data += chunk));
      stdin.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
      stdin.on('error', reject);
    });
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, output: process.stdout, terminal: true });
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes('Password')) process.stdout.write(s);
    };
    rl.question(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

let args;
try {
  args = parseArgs({
    options: { username: { type: 'string' }, role: { type: 'string' }, 'reset-password': { type: 'boolean', default: false } },
  }).values;
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const username = args.username?.trim().toLowerCase();
if (!username || !isRole(args.role)) {
  console.error(USAGE);
  process.exit(2);
}
const role = args.role;

const password = await readPassword();
await runWithDatabase(async (db) => {
  const { created } = await createUser(db, {
    username,
    password,
    role,
    actor: 'cli',
    resetPassword: args['reset-password'] === true,
  });
  console.log(created ? `Created ${role} ${username}.` : `Set a new password and role (${role}) for ${username}.`);
  return 0;
});
