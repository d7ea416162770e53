import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { departmentKeys, departments } from '../../db/schema/index.js';
import { hashKey, newKey } from '../open311/api-keys.js';

export interface DepartmentCaller {
  keyId: number;
  departmentCode: string;
  label: string;
}

/** The department a key belongs to, unless it is unknown or revoked. */
export async function findDepartmentKey(db: DbOrTx, key: string): Promise<DepartmentCaller | undefined> {
  if (!key || key.length > 200) return undefined;
  const [row] = await db
    .select({ keyId: departmentKeys.id, departmentCode: departmentKeys.departmentCode, label: departmentKeys.label })
    .from(departmentKeys)
    .where(and(eq(departmentKeys.keyHash, hashKey(key)), isNull(departmentKeys.revokedAt)));
  return row;
}

/** Stores a new key for a department (which must exist) and returns it, once. */
export async function createDepartmentKey(db: DbOrTx, departmentCode: string, label: string): Promise<{ id: number; key: string }> {
  const [department] = await db.select({ code: departments.code }).from(departments).where(eq(departments.code, departmentCode));
  if (!department) throw new Error(`no department with code "${departmentCode}"`);
  const key = newKey('dept');
  const [row] = await db
    .insert(departmentKeys)
    .values({ departmentCode, label, keyHash: hashKey(key) })
    .returning({ id: departmentKeys.id });
  return { id: row!.id, key };
}

/** Revokes a department key by its id (as key:create printed it); undefined when no such live key. */
export async function revokeDepartmentKey(db: DbOrTx, id: number): Promise<{ departmentCode: string; label: string } | undefined> {
  const [row] = await db
    .update(departmentKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(departmentKeys.id, id), isNull(departmentKeys.revokedAt)))
    .returning({ departmentCode: departmentKeys.departmentCode, label: departmentKeys.label });
  return row;
}

/** Whether a live (unrevoked) department key has this id. */
export async function hasLiveDepartmentKey(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: departmentKeys.id }).from(departmentKeys).where(and(eq(departmentKeys.id, id), isNull(departmentKeys.revokedAt)));
  return !!row;
}
