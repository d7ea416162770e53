import { eq, sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { signInThrottle } from '../../db/schema/index.js';

export interface ThrottleLimits {
  /** Failed sign-ins allowed per address and username within the window. */
  perUser: number;
  /** Failed sign-ins allowed per address, whatever the username (password spraying). */
  perAddress: number;
  /** Failed sign-ins allowed per account from anywhere, before the account is locked. */
  perAccount: number;
  windowMinutes: number;
  /** The first lockout; each further one lasts twice as long, up to a day. */
  lockoutMinutes: number;
}

const MAX_LOCKOUT_MINUTES = 24 * 60;

/** The attempt a sign-in holds while its password is checked: counted as failed unless it succeeds. */
export interface SignInAttempt {
  keys: string[];
  accountKey: string;
}

export type SignInRefusal =
  | { refused: 'address'; minutes: number }
  | { refused: 'account'; minutes: number };

const keysOf = (ip: string, username: string) => ({
  address: `ip:${ip}`,
  addressUser: `ip-user:${ip}:${username}`,
  account: `account:${username}`,
});

/**
 * Takes one attempt from a key's allowance in a single statement (the row is locked by the upsert),
 * or nothing when the allowance is spent or, for an account, while it is locked.
 */
async function take(db: DbOrTx, key: string, max: number, windowMinutes: number): Promise<boolean> {
  const stale = sql`t.window_start <= now() - make_interval(mins => ${windowMinutes})`;
  const rows = await executeRows<{ failures: number }>(
    db,
    sql`insert into sign_in_throttle as t (key, failures, window_start) values (${key}, 1, now())
        on conflict (key) do update set
          failures = case when ${stale} then 1 else t.failures + 1 end,
          window_start = case when ${stale} then now() else t.window_start end
        where (t.locked_until is null or t.locked_until <= now()) and (${stale} or t.failures < ${max})
        returning t.failures`,
  );
  return rows.length > 0;
}

async function give(db: DbOrTx, keys: string[]): Promise<void> {
  for (const key of keys) {
    await db
      .update(signInThrottle)
      .set({ failures: sql`greatest(${signInThrottle.failures} - 1, 0)` })
      .where(eq(signInThrottle.key, key));
  }
}

async function minutesLocked(db: DbOrTx, key: string, fallback: number): Promise<number> {
  const [row] = await executeRows<{ seconds: number | null }>(
    db,
    sql`select extract(epoch from (locked_until - now()))::float8 as seconds from sign_in_throttle
        where key = ${key} and locked_until > now()`,
  );
  return row?.seconds ? Math.max(1, Math.ceil(row.seconds / 60)) : fallback;
}

/**
 * Reserves one sign-in attempt against the address, the address and username, and the account,
 * before any password is checked: parallel attempts past a limit are refused, not raced through.
 * The account's limit holds whatever address the attempts come from.
 */
export async function beginSignIn(
  db: DbOrTx,
  ip: string,
  username: string,
  limits: ThrottleLimits,
): Promise<SignInAttempt | SignInRefusal> {
  const keys = keysOf(ip, username);
  if (!(await take(db, keys.address, limits.perAddress, limits.windowMinutes))) {
    return { refused: 'address', minutes: limits.windowMinutes };
  }
  if (!(await take(db, keys.addressUser, limits.perUser, limits.windowMinutes))) {
    await give(db, [keys.address]);
    return { refused: 'address', minutes: limits.windowMinutes };
  }
  if (!(await take(db, keys.account, limits.perAccount, limits.windowMinutes))) {
    await give(db, [keys.address, keys.addressUser]);
    return { refused: 'account', minutes: await minutesLocked(db, keys.account, limits.windowMinutes) };
  }
  return { keys: [keys.address, keys.addressUser], accountKey: keys.account };
}

/** A wrong password: the attempt stays counted, and an account at its limit is locked. */
export async function signInFailed(db: DbOrTx, attempt: SignInAttempt, limits: ThrottleLimits): Promise<void> {
  await executeRows(
    db,
    sql`update sign_in_throttle set
          locked_until = now() + make_interval(secs => 60 * least(${limits.lockoutMinutes}::float8 * power(2, lockouts), ${MAX_LOCKOUT_MINUTES}::float8)),
          lockouts = lockouts + 1,
          failures = 0,
          window_start = now()
        where key = ${attempt.accountKey} and failures >= ${limits.perAccount}
          and (locked_until is null or locked_until <= now())`,
  );
}

/** The right password: the attempt is given back and the account's count and lockouts start over. */
export async function signInSucceeded(db: DbOrTx, attempt: SignInAttempt): Promise<void> {
  await give(db, attempt.keys);
  await db
    .update(signInThrottle)
    .set({ failures: 0, lockouts: 0, lockedUntil: null })
    .where(eq(signInThrottle.key, attempt.accountKey));
  // Rows nobody has touched for a day are swept as people sign in, so the table stays small.
  await db.delete(signInThrottle).where(
    sql`${signInThrottle.windowStart} < now() - interval '1 day' and coalesce(${signInThrottle.lockedUntil}, ${signInThrottle.windowStart}) < now() - interval '1 day'`,
  );
}

export function isRefusal(result: SignInAttempt | SignInRefusal): result is SignInRefusal {
  return 'refused' in result;
}
