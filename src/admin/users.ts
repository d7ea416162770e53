import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { audit } from './audit.js';
import { AdminErrors } from './errors.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { deleteUserSessions } from './sessions.js';

export const ROLES = ['supervisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export type User = typeof users.$inferSelect;

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function checkNewAccount(input: { username: string; password: string; role: string }): void {
  if (!USERNAME.test(input.username)) {
    throw new AdminErrors.badRequest('username: 2-64 lower-case letters, digits, dots, dashes or underscores');
  }
  if (!isRole(input.role)) throw new AdminErrors.badRequest(`role must be one of ${ROLES.join(', ')}`);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AdminErrors.badRequest(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

export async function findUser(db: DbOrTx, username: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

/**
 * Creates a console account (or, with `resetPassword`, gives an existing one a new password and
 * role) and records it in the audit log.
 */
export async function createUser(
  db: DbOrTx,
  input: { username: string; password: string; role: Role; actor: string; resetPassword?: boolean },
): Promise<{ user: User; created: boolean }> {
  checkNewAccount(input);
  const passwordHash = await hashPassword(input.password);
  const existing = await findUser(db, input.username);
  if (existing) {
    if (!input.resetPassword) throw new AdminErrors.badRequest(`user ${input.username} exists; pass --reset-password to replace the password`);
    const [user] = await db.update(users).set({ passwordHash, role: input.role }).where(eq(users.id, existing.id)).returning();
    // Whoever held the old password may hold a session too: a new password ends them all.
    const sessionsEnded = await deleteUserSessions(db, existing.id);
    await audit(db, { actor: input.actor, action: 'user-password-reset', subject: input.username, detail: { role: input.role, sessionsEnded } });
    return { user: user!, created: false };
  }
  const [user] = await db.insert(users).values({ username: input.username, passwordHash, role: input.role }).returning();
  await audit(db, { actor: input.actor, action: 'user-create', subject: input.username, detail: { role: input.role } });
  return { user: user!, created: true };
}

/**
 * Disables a console account: it can no longer sign in and its sessions end at once. The row is
 * kept, so the audit log's names still mean someone. False when there is no such user.
 */
export async function disableUser(db: DbOrTx, input: { username: string; actor: string }): Promise<boolean> {
  const existing = await findUser(db, input.username);
  if (!existing) return false;
  await db.update(users).set({ disabledAt: sql`coalesce(${users.disabledAt}, now())` }).where(eq(users.id, existing.id));
  const sessionsEnded = await deleteUserSessions(db, existing.id);
  await audit(db, { actor: input.actor, action: 'user-disable', subject: input.username, detail: { sessionsEnded } });
  return true;
}
