import type { Tx } from '../client.js';

/** A named body of seed data; loaded once, and again only when its files change. */
export interface SeedUnit {
  name: string;
  /** Files (relative to db/seed) whose content decides whether the unit must be reloaded. */
  files: string[];
  /** Bump to force a reload when the loading code changes meaning. */
  version: number;
  /** Loads the data inside the transaction; must be safe to run over a previous load. */
  load(tx: Tx): Promise<number>;
}

/** Inserts rows in chunks: one statement per chunk keeps first start to seconds. */
export async function insertChunked<T>(
  rows: T[],
  insert: (chunk: T[]) => Promise<unknown>,
  size = 500,
): Promise<number> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  return rows.length;
}
