/**
 * Measures streets keyed by their first letters on the keypad (issue 23, keys only): for streets
 * of the real gazetteer keyed as 3, 4 and 5 letters, how often the right street is among the
 * three offered (with and without a house number keyed first), how many keys a whole report by
 * keypad takes, and how long one letters lookup takes.
 *
 *   npx tsx scripts/bench-keypad.ts [--streets 300]
 *
 * Key presses per report: the presses outside the location are those of the keys-only report
 * walked in test/location/keys-only.test.ts (KEYS_OUTSIDE_PLACE below); the location's own are
 * simulated as a caller does it: the house number and pound, three letters and pound, then the
 * street's number in the list if it is there, else star and one more letter and pound, again.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.js';
// index.js before gazetteer.js: the seed units import insertChunked from index.js (a cycle).
import { seed } from '../db/seed/index.js';
import { gazetteerSeed } from '../db/seed/gazetteer.js';
import { gazetteerIndex, type IndexedStreet } from '../src/location/gazetteer-index.js';
import { keypadDigits, keypadIndex, streetsByLetters } from '../src/location/keypad.js';
import { percentile } from './bench/stats.js';

/**
 * Welcome 1, star for the type lists, a department key and a type key; the place confirmed with
 * 1; pound to skip the description and the wish; 2 for no repeat of the number and 2 to decline
 * the text. test/location/keys-only.test.ts walks the same report and asserts the same count.
 */
const KEYS_OUTSIDE_PLACE = 9;

const { values } = parseArgs({ options: { streets: { type: 'string', default: '300' } } });
const wanted = Number(values.streets);

let state = 23;
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);

const database = await openDatabase({ dataDir: '', inMemory: true, timeoutMs: 30_000 });
await database.migrate();
await seed(database.db, [gazetteerSeed]);
const index = await gazetteerIndex(database.db);
const started = performance.now();
keypadIndex(index);
const buildMs = performance.now() - started;

// Streets a caller could report at: real roads with an address range and a name of five letters or more.
const eligible = index.streets.filter(
  (s) => !s.alleyOnly && s.minAddress !== null && s.maxAddress !== null && s.maxAddress > 0 && keypadDigits(s.core).length >= 5,
);
const sample: IndexedStreet[] = [];
const pool = [...eligible];
while (sample.length < wanted && pool.length) sample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
const houseOf = (s: IndexedStreet) => Math.max(1, s.minAddress! + Math.floor((s.maxAddress! - s.minAddress! + 1) * random()));

const timings: number[] = [];
function lookup(digits: string, houseNumber?: number): IndexedStreet[] {
  const t0 = performance.now();
  const found = streetsByLetters(index, digits, houseNumber === undefined ? {} : { houseNumber });
  timings.push(performance.now() - t0);
  return found;
}

const rows: string[] = [];
const houses = new Map(sample.map((s) => [s.id, houseOf(s)]));
for (const letters of [3, 4, 5]) {
  let bare = 0;
  let withNumber = 0;
  for (const street of sample) {
    const digits = keypadDigits(street.core).slice(0, letters);
    if (lookup(digits).some((s) => s.id === street.id)) bare++;
    if (lookup(digits, houses.get(street.id)).some((s) => s.id === street.id)) withNumber++;
  }
  const share = (n: number) => `${((100 * n) / sample.length).toFixed(1)}%`;
  rows.push(`  ${letters} letters: right street among the first three ${share(bare)} by letters alone, ${share(withNumber)} after a house number`);
}

// A whole report at an address, keys only.
const presses: number[] = [];
let neverOffered = 0;
for (const street of sample) {
  const house = houses.get(street.id)!;
  const key = keypadDigits(street.core);
  let keys = String(house).length + 1;
  let letters = 3;
  keys += letters + 1;
  for (;;) {
    const position = lookup(key.slice(0, letters), house).findIndex((s) => s.id === street.id);
    if (position >= 0) {
      keys += 1;
      break;
    }
    if (letters >= key.length) {
      // The whole name keyed and still not offered: the caller presses 0 for a person.
      neverOffered++;
      keys += 1;
      break;
    }
    letters++;
    keys += 3; // star, the next letter, pound
  }
  presses.push(keys + KEYS_OUTSIDE_PLACE);
}

const lookups = timings.length;
console.log(`Keypad letters over ${sample.length} streets of ${eligible.length} (gazetteer: ${index.streets.length} streets, keys built in ${buildMs.toFixed(1)} ms)`);
for (const row of rows) console.log(row);
console.log(`  median key presses per report at an address: ${percentile(presses, 0.5)} (p90 ${percentile(presses, 0.9)}); never offered with the whole name keyed: ${neverOffered}`);
console.log(`  one letters lookup: p50 ${percentile(timings, 0.5).toFixed(3)} ms, p99 ${percentile(timings, 0.99).toFixed(3)} ms, max ${Math.max(...timings).toFixed(3)} ms (${lookups} lookups)`);
await database.close();
