import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { departments, services, type Department, type Service } from '../../db/schema/index.js';

/** What intake needs of a service: the row minus bookkeeping columns. */
export type CatalogueEntry = Omit<Service, 'updatedAt' | 'active'>;
export type CatalogueDepartment = Department;

export interface Catalogue {
  departments: CatalogueDepartment[];
  services: CatalogueEntry[];
}

/** Active services and their departments, in keypad order. */
export async function loadCatalogue(db: DbOrTx): Promise<Catalogue> {
  // Sequential on purpose: a transaction is one connection.
  const departmentRows = await db.select().from(departments).orderBy(asc(departments.keypad), asc(departments.code));
  const serviceRows = await db
    .select()
    .from(services)
    .where(eq(services.active, true))
    .orderBy(asc(services.departmentCode), asc(services.keypad), asc(services.code));
  return {
    departments: departmentRows,
    services: serviceRows.map(({ updatedAt: _updatedAt, active: _active, ...entry }) => entry),
  };
}
