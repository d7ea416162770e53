import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** City departments; each may hold API keys for the department update API. */
export const departments = pgTable('departments', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  names: jsonb('names').$type<{ en: string; es: string }>().notNull(),
  keypad: integer('keypad'),
});

/** The 311 service catalogue: Open311 services with the words callers use for them. */
export const services = pgTable('services', {
  /** Open311 service_code, stable and URL-safe (e.g. "potholes"). */
  code: text('code').primaryKey(),
  /** The city's request type name exactly (e.g. "TRM-Potholes"): Open311 service_name. */
  name: text('name').notNull(),
  departmentCode: text('department_code').notNull().references(() => departments.code),
  group: text('group').notNull(),
  names: jsonb('names').$type<{ en: string; es: string }>().notNull(),
  description: text('description').notNull().default(''),
  keywords: jsonb('keywords').$type<{ en: string[]; es: string[] }>().notNull(),
  /** Earlier names of the city's request type (types drift: "TRM-Pothole Repair"). */
  aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
  /** "report": take the report; "police": transfer live to the police queue. */
  handling: text('handling').$type<'report' | 'police'>().notNull().default('report'),
  keypad: integer('keypad'),
  attributes: jsonb('attributes').$type<unknown[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Service = typeof services.$inferSelect;
export type Department = typeof departments.$inferSelect;
