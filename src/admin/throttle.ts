import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';

export interface ThrottleLimits {
  /** Failed sign-ins allowed per address and username within the window. */
  perUser: number;
  /** Failed sign-ins allowed per address, whatever the username (password spraying). */
  perAddress: number;
  windowMinutes: number;
}

/**
 * Sign-in throttling counted from the audit log's "sign-in-failed" rows, so the limit holds across
 * every instance of the service without a table or a shared cache of its own.
 */
export async function signInBlocked(db: DbOrTx, ip: string, username: string, limits: ThrottleLimits): Promise<boolean> {
  const since = sql`now() - make_interval(mins => ${limits.windowMinutes})`;
  const [row] = await db
    .select({
      address: sql<number>`count(*)::int`,
      user: sql<number>`count(*) filter (where ${auditLog.subject} = ${username})::int`,
    })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'sign-in-failed'), gt(auditLog.at, since), sql`${auditLog.detail}->>'ip' = ${ip}`));
  return (row?.user ?? 0) >= limits.perUser || (row?.address ?? 0) >= limits.perAddress;
}
