import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { departments, services, type Department, type Service } from '../../db/schema/index.js';
import { audit } from './audit.js';
import { AdminErrors } from './errors.js';

export const HANDLINGS = ['report', 'police'] as const;
export type Handling = (typeof HANDLINGS)[number];

export interface ServiceEdit {
  keywords: { en: string[]; es: string[] };
  departmentCode: string;
  handling: Handling;
  active: boolean;
}

export async function listCatalogue(db: DbOrTx): Promise<{ departments: Department[]; services: Service[] }> {
  const d = await db.select().from(departments).orderBy(asc(departments.name));
  const s = await db.select().from(services).orderBy(asc(services.departmentCode), asc(services.name));
  return { departments: d, services: s };
}

export async function findService(db: DbOrTx, code: string): Promise<Service | undefined> {
  const [row] = await db.select().from(services).where(eq(services.code, code));
  return row;
}

/** "pothole, hole in the road\nbache" → ["pothole", "hole in the road", "bache"]: commas or lines. */
export function parseWords(text: string): string[] {
  const seen = new Set<string>();
  for (const word of text.split(/[\n,;]+/)) {
    const w = word.trim().replace(/\s+/g, ' ').toLowerCase();
    if (w) seen.add(w);
  }
  return [...seen];
}

export function checkServiceEdit(edit: unknown): ServiceEdit {
  const e = (edit ?? {}) as Partial<ServiceEdit>;
  const words = (list: unknown, language: string) => {
    if (!Array.isArray(list) || list.length > 200 || !list.every((w) => typeof w === 'string' && w.trim() && w.length <= 100)) {
      throw new AdminErrors.badRequest(`${language} words: up to 200 phrases of up to 100 characters`);
    }
    return parseWords(list.join('\n'));
  };
  if (!e.keywords || typeof e.keywords !== 'object') throw new AdminErrors.badRequest('keywords: { en: [...], es: [...] }');
  const keywords = { en: words(e.keywords.en, 'English'), es: words(e.keywords.es, 'Spanish') };
  if (!keywords.en.length) throw new AdminErrors.badRequest('a service needs at least one English word callers use for it');
  if (typeof e.departmentCode !== 'string') throw new AdminErrors.badRequest('department is required');
  if (!HANDLINGS.includes(e.handling as Handling)) throw new AdminErrors.badRequest('handling must be "report" or "police"');
  return { keywords, departmentCode: e.departmentCode, handling: e.handling as Handling, active: e.active !== false };
}

/** Updates one service's words, department and handling, and records the change. */
export async function updateService(db: Db, code: string, edit: ServiceEdit, actor: string): Promise<Service> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(services).where(eq(services.code, code)).for('update');
    if (!before) throw new AdminErrors.serviceNotFound(code);
    const [department] = await tx.select({ code: departments.code }).from(departments).where(eq(departments.code, edit.departmentCode));
    if (!department) throw new AdminErrors.badRequest(`there is no department ${edit.departmentCode}`);
    const [after] = await tx
      .update(services)
      .set({ ...edit, updatedAt: sql`now()` })
      .where(eq(services.code, code))
      .returning();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['keywords', 'departmentCode', 'handling', 'active'] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after![key])) changed[key] = { from: before[key], to: after![key] };
    }
    await audit(tx, { actor, action: 'catalogue-edit', subject: `service:${code}`, detail: changed });
    return after!;
  });
}
