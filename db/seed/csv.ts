import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { seedDir } from './paths.js';

/** Reads a CSV file under db/seed into objects keyed by its header; "NA" and "" become null. */
export function readCsv(relative: string): Record<string, string | null>[] {
  const text = readFileSync(path.join(seedDir, relative), 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  return rows.map((row) => {
    const out: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(row)) out[k] = v === '' || v === 'NA' ? null : v;
    return out;
  });
}

export function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(seedDir, relative), 'utf8')) as T;
}
