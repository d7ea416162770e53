import type { Tx } from '../client.js';
import { departments, services } from '../schema/index.js';
import type { SeedUnit } from './unit.js';
import { readJson } from './csv.js';

type DepartmentRow = typeof departments.$inferInsert;
type ServiceRow = typeof services.$inferInsert;

export interface CatalogueFile {
  departments: DepartmentRow[];
  services: ServiceRow[];
}

/**
 * Departments and services from catalogue.json. Supervisors edit these rows in the console,
 * so a re-seed only adds rows that are missing and never overwrites an existing one.
 */
export const catalogueSeed: SeedUnit = {
  name: 'catalogue',
  files: ['catalogue.json'],
  version: 1,
  async load(tx: Tx) {
    const file = readJson<CatalogueFile>('catalogue.json');
    const newDepartments = await tx
      .insert(departments)
      .values(file.departments)
      .onConflictDoNothing({ target: departments.code })
      .returning({ code: departments.code });
    const newServices = await tx
      .insert(services)
      .values(file.services)
      .onConflictDoNothing({ target: services.code })
      .returning({ code: services.code });
    return newDepartments.length + newServices.length;
  },
};
