import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { adminSessions, users } from '../../db/schema/index.js';
import type { Role } from './users.js';

/** The signed-in person a request acts for. */
export interface AdminSession {
  tokenHash: string;
  userId: number;
  username: string;
  role: Role;
  csrfToken: string;
  expiresAt: Date;
}

/** Only the token's hash is stored: a leaked database row cannot be replayed as a cookie. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(db: DbOrTx, userId: number, hours: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db.insert(adminSessions).values({ tokenHash: hashToken(token), userId, csrfToken, expiresAt });
  // Sessions that ran out are swept as new ones are made, so the table stays small.
  await db.delete(adminSessions).where(lt(adminSessions.expiresAt, sql`now()`));
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: DbOrTx, token: string): Promise<AdminSession | undefined> {
  const [row] = await db
    .select({
      tokenHash: adminSessions.tokenHash,
      userId: adminSessions.userId,
      username: users.username,
      role: users.role,
      csrfToken: adminSessions.csrfToken,
      expiresAt: adminSessions.expiresAt,
    })
    .from(adminSessions)
    .innerJoin(users, eq(users.id, adminSessions.userId))
    .where(and(eq(adminSessions.tokenHash, hashToken(token)), gt(adminSessions.expiresAt, sql`now()`), isNull(users.disabledAt)));
  return row;
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.tokenHash, tokenHash));
}

/** Ends every session of one user (a new password, a disabled account). */
export async function deleteUserSessions(db: DbOrTx, userId: number): Promise<number> {
  const ended = await db.delete(adminSessions).where(eq(adminSessions.userId, userId)).returning({ tokenHash: adminSessions.tokenHash });
  return ended.length;
}
