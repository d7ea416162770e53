/**
 * Top-1 accuracy of the issue-type classifier on real residents' words (SeeClickFix), read at
 * run time from ../shared/eval/seeclickfix; those texts are never copied into the project.
 *   npx tsx scripts/bench-classify.ts [--errors]   (--errors prints confusion counts, no texts)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { CatalogueFile } from '../db/seed/catalogue.js';
import { buildClassifier, type ClassifiableService } from '../src/intake/classify.js';
import { categoryMaps } from './eval-category-map.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = path.resolve(root, '../shared/eval/seeclickfix');
const showErrors = process.argv.includes('--errors');

if (!existsSync(evalDir)) {
  console.log(`No evaluation texts at ${evalDir}: skipping the classifier benchmark.`);
  process.exit(0);
}

const catalogue = JSON.parse(readFileSync(path.join(root, 'db/seed/catalogue.json'), 'utf8')) as CatalogueFile;
const classifier = buildClassifier(catalogue.services as ClassifiableService[]);
const known = new Set(catalogue.services.map((s) => s.code));

interface Tally {
  right: number;
  total: number;
}
const pct = (t: Tally) => (t.total ? ((100 * t.right) / t.total).toFixed(1) : '-');
const overall: Tally = { right: 0, total: 0 };
const timings: number[] = [];
let none = 0;
const byConfidence = { clear: { right: 0, total: 0 }, unclear: { right: 0, total: 0 }, none: { right: 0, total: 0 } };

for (const file of readdirSync(evalDir).filter((f) => f.endsWith('.csv')).sort()) {
  const map = categoryMaps[file];
  if (!map) {
    console.log(`\n${file}: no category map in scripts/eval-category-map.ts, skipped`);
    continue;
  }
  for (const codes of Object.values(map)) {
    for (const code of codes ?? []) if (!known.has(code)) throw new Error(`${file}: unknown service code ${code}`);
  }
  const rows = parse(readFileSync(path.join(evalDir, file)), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const perCategory = new Map<string, Tally>();
  const unmapped = new Map<string, number>();
  const confusion = new Map<string, number>();
  const fileTally: Tally = { right: 0, total: 0 };
  for (const row of rows) {
    const category = (row.category ?? '').trim();
    if (!category) continue;
    const expected = map[category];
    if (expected === undefined || expected === null) {
      unmapped.set(category, (unmapped.get(category) ?? 0) + 1);
      continue;
    }
    const text = `${row.summary ?? ''}. ${row.description ?? ''}`;
    const started = performance.now();
    const result = classifier.classify(text, 'en');
    timings.push(performance.now() - started);
    const top = result.matches[0]?.code;
    if (!top) none++;
    const ok = top !== undefined && expected.includes(top);
    byConfidence[result.confidence].total++;
    if (ok) byConfidence[result.confidence].right++;
    const tally = perCategory.get(category) ?? { right: 0, total: 0 };
    tally.total++;
    fileTally.total++;
    overall.total++;
    if (ok) {
      tally.right++;
      fileTally.right++;
      overall.right++;
    } else {
      const key = `${category} -> ${top ?? '(none)'}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    perCategory.set(category, tally);
  }
  console.log(`\n${file}: ${pct(fileTally)}% top-1 on ${fileTally.total} mapped labelled rows`);
  for (const [category, tally] of [...perCategory].sort((a, b) => b[1].total - a[1].total)) {
    console.log(`  ${pct(tally).padStart(5)}%  ${String(tally.right).padStart(4)}/${String(tally.total).padEnd(4)} ${category}`);
  }
  if (unmapped.size) {
    console.log('  unmapped (not counted):');
    for (const [category, n] of [...unmapped].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(4)}  ${category}`);
  }
  if (showErrors) {
    console.log('  most frequent errors:');
    for (const [key, n] of [...confusion].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${String(n).padStart(4)}  ${key}`);
  }
}

timings.sort((a, b) => a - b);
const at = (q: number) => (timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] ?? 0).toFixed(3);
console.log(`\nOverall: ${pct(overall)}% top-1 on ${overall.total} mapped labelled rows (${none} with no match)`);
for (const [confidence, tally] of Object.entries(byConfidence)) {
  const share = overall.total ? ((100 * tally.total) / overall.total).toFixed(1) : '-';
  console.log(`  ${confidence.padEnd(8)} ${share.padStart(5)}% of rows, top-1 right on ${pct(tally)}%`);
}
console.log(`Classify time per text: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
