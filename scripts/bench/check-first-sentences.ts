/**
 * Checks the benchmark's first sentences against the seed data: every `place` must resolve in
 * the gazetteer, every service code must be in the catalogue, confirmation numbers must be
 * 9 digits. Prints each place that does not resolve, the counts per kind and language, and
 * (with --classify) how the existing classifier reads each report sentence, for a feel only:
 * the sentences are what callers say, not what the classifier likes.
 *   npx tsx scripts/bench/check-first-sentences.ts [--classify] [--all]
 * Exits non-zero when a check fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/client.js';
// index.js before gazetteer.js: the seed units import insertChunked from index.js (a cycle).
import { seed } from '../../db/seed/index.js';
import { gazetteerSeed } from '../../db/seed/gazetteer.js';
import type { CatalogueFile } from '../../db/seed/catalogue.js';
import { buildClassifier, type ClassifiableService } from '../../src/intake/classify.js';
import { resolveLocation } from '../../src/location/resolve.js';
import { FIRST_SENTENCES } from './first-sentences.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const showClassifier = process.argv.includes('--classify');
const showAll = process.argv.includes('--all');

const catalogue = JSON.parse(readFileSync(path.join(root, 'db/seed/catalogue.json'), 'utf8')) as CatalogueFile;
const codes = new Set(catalogue.services.map((s) => s.code));
const problems: string[] = [];

for (const [i, s] of FIRST_SENTENCES.entries()) {
  const at = `#${i} "${s.text.slice(0, 50)}"`;
  if (s.serviceCode && !codes.has(s.serviceCode)) problems.push(`${at}: unknown service code ${s.serviceCode}`);
  if ((s.intent === 'report' || s.intent === 'police') && !s.serviceCode) problems.push(`${at}: ${s.intent} without a service code`);
  if (s.confirmation !== undefined && !/^\d{9}$/.test(s.confirmation)) problems.push(`${at}: confirmation is not 9 digits`);
  if (s.kind === 'spanish' && s.language !== 'es') problems.push(`${at}: kind spanish in English`);
}
const texts = FIRST_SENTENCES.map((s) => s.text);
for (const [i, text] of texts.entries()) {
  if (texts.indexOf(text) !== i) problems.push(`#${i}: the same text twice`);
}

const database = await openDatabase({ dataDir: '', inMemory: true, timeoutMs: 5000 });
try {
  await database.migrate();
  await seed(database.db, [gazetteerSeed]);
  const places = [...new Set(FIRST_SENTENCES.flatMap((s) => (s.place ? [s.place] : [])))];
  for (const place of places) {
    const result = await resolveLocation(database.db, place);
    if (result.kind !== 'resolved') {
      problems.push(`place does not resolve (${result.kind}): ${place}`);
    } else if (showAll) {
      console.log(`${place}  →  ${result.precision}: ${result.label} (${result.neighborhood})`);
    }
  }
  console.log(`${places.length} distinct places checked`);
} finally {
  await database.close();
}

if (showClassifier) {
  const classifier = buildClassifier(catalogue.services as ClassifiableService[]);
  let right = 0;
  let total = 0;
  for (const s of FIRST_SENTENCES) {
    if (s.intent !== 'report' || !s.serviceCode) continue;
    const { matches, confidence } = classifier.classify(s.text, s.language);
    const top = matches[0]?.code ?? '-';
    total += 1;
    if (top === s.serviceCode) right += 1;
    else console.log(`classifier: ${s.serviceCode} read as ${top} (${confidence}) [${s.kind}] ${s.text}`);
  }
  console.log(`classifier top-1 on report sentences: ${right}/${total}`);
}

const tally = (key: (s: (typeof FIRST_SENTENCES)[number]) => string) => {
  const counts = new Map<string, number>();
  for (const s of FIRST_SENTENCES) counts.set(key(s), (counts.get(key(s)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
};
console.log(`${FIRST_SENTENCES.length} sentences`);
console.log(`by kind: ${tally((s) => s.kind)}`);
console.log(`by language: ${tally((s) => s.language)}`);
console.log(`by intent: ${tally((s) => s.intent)}`);
console.log(`services covered: ${new Set(FIRST_SENTENCES.flatMap((s) => (s.serviceCode ? [s.serviceCode] : []))).size}`);

for (const problem of problems) console.log(problem);
if (problems.length) {
  console.log(`${problems.length} problems`);
  process.exitCode = 1;
}
