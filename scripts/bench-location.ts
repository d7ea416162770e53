/**
 * Measures location lookups on phrases built from the real data: addresses, corners, parks and
 * landmarks said cleanly and misheard (dropped or doubled letters, homophones, number words).
 * Runs on PGlite in memory and, when DATABASE_URL is set, on PostgreSQL too.
 *
 *   npx tsx scripts/bench-location.ts
 *
 * Address truth comes from the same real address points the resolver interpolates between, so
 * the address share measures hearing and matching, not how well a house number is placed.
 */
import { sql } from 'drizzle-orm';
import { executeRows, openDatabase, type Database } from '../db/client.js';
// index.js before gazetteer.js: the seed units import insertChunked from index.js (a cycle).
import { seed } from '../db/seed/index.js';
import { gazetteerSeed } from '../db/seed/gazetteer.js';
import { readCsv } from '../db/seed/csv.js';
import { districtsFor, insidePark } from '../src/location/districts.js';
import { forgetGazetteerIndex, gazetteerIndex } from '../src/location/gazetteer-index.js';
import { normalizeName } from '../db/names/normalize.js';
import { resolveLocation } from '../src/location/resolve.js';
import { spokenStreet } from '../src/location/spoken.js';

interface Case {
  group: 'address' | 'corner' | 'park' | 'landmark';
  clean: string;
  misheard: string;
  lat: number;
  lon: number;
  parkId?: string;
  /** Some heritage places lie in Baltimore County: the right answer there is outside-city. */
  outside?: boolean;
}

let state = 311;
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(items: T[], n: number): T[] => {
  const copy = [...items];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]!);
  return out;
};

const ones = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const tensWords = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const under100 = (n: number) => (n < 20 ? ones[n]! : `${tensWords[Math.floor(n / 10)]} ${ones[n % 10]}`.trim());
/** How a caller says a house number: 1200 "twelve hundred", 101 "one oh one", 2105 "twenty one oh five". */
export function sayNumber(n: number): string {
  if (n < 100) return under100(n);
  const head = Math.floor(n / 100);
  const tail = n % 100;
  if (n >= 10000 || head >= 100) return String(n);
  if (tail === 0) return `${under100(head)} hundred`;
  return `${under100(head)} ${tail < 10 ? `oh ${ones[tail]}` : under100(tail)}`;
}

const homophones: [RegExp, string][] = [
  [/\bstreet\b/, 'streed'], [/\bavenue\b/, 'avenues'], [/\bmount\b/, 'mont'], [/\bpark\b/, 'parks'],
  [/\bhill\b/, 'hills'], [/\bnorth\b/, 'north'], [/ee/, 'ea'], [/ph/, 'f'], [/ck/, 'k'], [/ou/, 'o'],
];

/** One small recognition error in the name part of a phrase. */
function mishear(phrase: string): string {
  const words = phrase.split(' ');
  const candidates = words.map((w, i) => i).filter((i) => /^[a-z]{5,}$/i.test(words[i]!) && !/^(north|south|east|west)$/i.test(words[i]!));
  const roll = random();
  if (roll < 0.25) {
    for (const [pattern, replacement] of pick(homophones, homophones.length)) {
      if (pattern.test(phrase.toLowerCase())) return phrase.toLowerCase().replace(pattern, replacement);
    }
  }
  if (candidates.length === 0) return phrase.toLowerCase();
  const i = candidates[Math.floor(random() * candidates.length)]!;
  const word = words[i]!;
  const at = 1 + Math.floor(random() * (word.length - 2));
  words[i] = roll < 0.6 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at] + word.slice(at);
  return words.join(' ').toLowerCase();
}

async function buildCases(db: Database['db']): Promise<Case[]> {
  const cases: Case[] = [];
  const points = await executeRows<{ street: string; house_number: number; lat: number; lon: number }>(
    db,
    sql`select a.street, a.house_number, a.lat, a.lon from address_points a
        join streets s on s.search = a.street
        where a.house_number between s.min_address and s.max_address`,
  );
  for (const p of pick(points, 150)) {
    const street = spokenStreet(p.street);
    cases.push({
      group: 'address',
      clean: `${p.house_number} ${street}`,
      misheard: `${sayNumber(p.house_number)} ${mishear(street)}`,
      lat: Number(p.lat),
      lon: Number(p.lon),
    });
  }
  const corners = readCsv('baltimore/baltimore_named_intersections.csv').filter((r) => {
    const names = (r.name ?? '').split('&').map((s) => s.trim());
    return names.length === 2 && names.every((n) => /^[NSEW]? ?[A-Z0-9 ]+ (ST|AVE|AV|ROAD|RD|DR|LANE|BLVD|PL|WAY|TERR|CT|PKWY)$/.test(n));
  });
  for (const r of pick(corners, 120)) {
    const [a, b] = (r.name ?? '').split('&').map((s) => spokenStreet(normalizeName(s.trim())));
    cases.push({
      group: 'corner',
      clean: `${a} and ${b}`,
      misheard: `the corner of ${mishear(a!)} and ${b}`,
      lat: Number(r.lat),
      lon: Number(r.lon),
    });
  }
  const parks = readCsv('baltimore/baltimore_parks.csv').filter((r) => r.name && r.lat && !/&|\//.test(r.name));
  for (const r of pick(parks, 80)) {
    cases.push({ group: 'park', clean: r.name!, misheard: mishear(r.name!), lat: Number(r.lat), lon: Number(r.lon), parkId: r.id ?? '' });
  }
  const landmarks = readCsv('baltimore/baltimore_heritage_landmarks.csv').filter((r) => r.title && r.lat && r.title.length < 40);
  for (const r of pick(landmarks, 80)) {
    cases.push({ group: 'landmark', clean: r.title!, misheard: mishear(r.title!), lat: Number(r.lat), lon: Number(r.lon) });
  }
  return cases;
}

function meters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 6371000 * 2 * Math.asin(Math.sqrt(a));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function run(label: string, database: Database) {
  const seedStarted = performance.now();
  await database.migrate();
  const seeded = await seed(database.db, [gazetteerSeed]);
  console.log(`${label}: migrate + seed ${Math.round(performance.now() - seedStarted)} ms`, seeded.map((s) => `${s.name} ${s.rows} rows ${s.skipped ? 'skipped' : `${s.ms} ms`}`).join(', '));
  // Each database loads its own index, once, as a fresh process would on its first call.
  forgetGazetteerIndex();
  const loadStarted = performance.now();
  await gazetteerIndex(database.db);
  console.log(`${label}: name index loaded in ${Math.round(performance.now() - loadStarted)} ms (once per process)`);
  const cases = await buildCases(database.db);
  for (const c of cases) {
    const d = await districtsFor(database.db, c.lat, c.lon);
    c.outside = c.group !== 'park' && !d.neighborhood && !d.councilDistrict;
  }
  const times: number[] = [];
  const byGroup: Record<string, number[]> = {};
  const score: Record<string, { clean: number; misheard: number; total: number }> = {};
  const misses: string[] = [];
  for (const c of cases) {
    for (const variant of ['clean', 'misheard'] as const) {
      const text = c[variant];
      const started = performance.now();
      const found = await resolveLocation(database.db, text);
      const ms = performance.now() - started;
      times.push(ms);
      (byGroup[`${c.group} ${variant}`] ??= []).push(ms);
      let right = false;
      if (c.outside) right = found.kind === 'outside-city';
      else if (found.kind === 'resolved') {
        right = meters(found.lat, found.long, c.lat, c.lon) <= 150;
        if (!right && c.parkId) right = await insidePark(database.db, c.parkId, found.lat, found.long);
      }
      const s = (score[c.group] ??= { clean: 0, misheard: 0, total: 0 });
      if (right) s[variant] += 1;
      else if (misses.length < 25) misses.push(`${c.group} ${variant}: "${text}" → ${found.kind === 'resolved' ? found.label : found.kind}`);
    }
    score[c.group]!.total += 1;
  }
  const sum = (k: 'clean' | 'misheard') => Object.values(score).reduce((n, s) => n + s[k], 0);
  const total = cases.length;
  times.sort((a, b) => a - b);
  console.log(`${label}: ${total} places, each said clean and misheard`);
  for (const [group, s] of Object.entries(score)) {
    console.log(`  ${group.padEnd(9)} clean ${((100 * s.clean) / s.total).toFixed(1)}%  misheard ${((100 * s.misheard) / s.total).toFixed(1)}%  (${s.total})`);
  }
  console.log(`  all       clean ${((100 * sum('clean')) / total).toFixed(1)}%  misheard ${((100 * sum('misheard')) / total).toFixed(1)}%`);
  console.log(`  lookup    median ${percentile(times, 0.5).toFixed(1)} ms  p95 ${percentile(times, 0.95).toFixed(1)} ms`);
  if (process.argv.includes('--times')) {
    for (const [group, t] of Object.entries(byGroup)) {
      t.sort((a, b) => a - b);
      console.log(`  ${group.padEnd(18)} median ${percentile(t, 0.5).toFixed(1)} ms  p95 ${percentile(t, 0.95).toFixed(1)} ms`);
    }
  }
  if (process.argv.includes('--misses')) console.log(misses.map((m) => `  miss ${m}`).join('\n'));
}

const pglite = await openDatabase({ dataDir: '', inMemory: true, timeoutMs: 10_000 });
try {
  await run('PGlite', pglite);
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  const postgres = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '', timeoutMs: 10_000 });
  try {
    await run('PostgreSQL', postgres);
  } finally {
    await postgres.close();
  }
}
