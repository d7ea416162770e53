import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { shareHints } from '../flow/step-api.js';
import { spokenStreet } from './spoken.js';

/** Twilio's `hints` take at most 500 phrases of at most 100 characters each. */
const maxHints = 500;
const maxLength = 100;

// Seed data, fixed while the service runs: one cache per process (steps pass a new transaction
// object on every webhook, so a per-handle cache would never hit).
let cached: Promise<string[]> | undefined;

/**
 * Phrases that help the speech recogniser hear Baltimore locations: the streets with the most
 * segments in their spoken form ("North Charles Street"), the biggest parks, the famous places
 * and heritage landmarks. Read once per database and cached, and shared: a stored turn names the
 * list instead of holding its 500 phrases (src/flow/shared-hints.ts).
 */
export const locationHints = shareHints('location', (db) => {
  let hints = cached;
  if (!hints) {
    const loading = loadHints(db);
    loading.catch(() => {
      if (cached === loading) cached = undefined;
    });
    cached = hints = loading;
  }
  return hints;
});

async function loadHints(db: DbOrTx): Promise<string[]> {
  const [streetRows, parkRows, landmarkRows] = await Promise.all([
    executeRows<{ search: string }>(
      db,
      sql`select search from streets where kinds like '%Paved Road%' order by segments desc, search limit 340`,
    ),
    executeRows<{ name: string }>(
      db,
      sql`select name from places where kind = 'park' order by coalesce((extra->>'acres')::float, 0) desc limit 80`,
    ),
    executeRows<{ name: string }>(
      db,
      sql`select name from places where kind = 'landmark'
          order by (extra->>'famous') is null, coalesce((extra->>'heritageId')::int, 0) asc limit 80`,
    ),
  ]);
  const phrases = [
    ...parkRows.map((r) => r.name),
    ...landmarkRows.map((r) => r.name),
    ...streetRows.map((r) => spokenStreet(r.search)),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const phrase of phrases) {
    const hint = phrase.replace(/\s+/g, ' ').trim();
    if (!hint || hint.length > maxLength || seen.has(hint.toLowerCase())) continue;
    seen.add(hint.toLowerCase());
    out.push(hint);
    if (out.length === maxHints) break;
  }
  return out;
}
