import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiClients } from '../../db/schema/index.js';

/** Keys are kept only as SHA-256: a leaked table gives nobody a working key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key with a prefix saying what it is for ("o311_…", "dept_…"). */
export function newKey(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export interface ApiClient {
  id: number;
  name: string;
}

/** The client an Open311 api_key belongs to, unless it is unknown or revoked. */
export async function findApiClient(db: DbOrTx, key: string): Promise<ApiClient | undefined> {
  if (!key || key.length > 200) return undefined;
  const [row] = await db
    .select({ id: apiClients.id, name: apiClients.name })
    .from(apiClients)
    .where(and(eq(apiClients.keyHash, hashKey(key)), isNull(apiClients.revokedAt)));
  return row;
}

/** Stores a new client key and returns it: the only time the key itself is seen. */
export async function createApiClient(db: DbOrTx, name: string): Promise<{ id: number; key: string }> {
  const key = newKey('o311');
  const [row] = await db.insert(apiClients).values({ name, keyHash: hashKey(key) }).returning({ id: apiClients.id });
  return { id: row!.id, key };
}

/** Revokes a client's key by its id (as key:create printed it); false when no such live key. */
export async function revokeApiClient(db: DbOrTx, id: number): Promise<{ name: string } | undefined> {
  const [row] = await db
    .update(apiClients)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)))
    .returning({ name: apiClients.name });
  return row;
}

/** Whether a live (unrevoked) client key has this id. */
export async function hasLiveApiClient(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: apiClients.id }).from(apiClients).where(and(eq(apiClients.id, id), isNull(apiClients.revokedAt)));
  return !!row;
}
