/**
 * The open first question, measured as callers use it (issue 18): every sentence of
 * scripts/bench/first-sentences.ts is said at "How can I help you today?" on the real service
 * (embedded PGlite in a temporary folder, signed webhooks through inject), and a scripted caller
 * answers whatever the line asks next the way a person would: yes to a read-back, the problem's
 * name when asked for it, the clean place when asked where, "please fix it" when asked what they
 * want, no text. It prints how often a report was filed without a question asked again, webhook
 * steps per report, the right type and place, Spanish apart, police and emergency routing, and
 * the time one utterance takes to understand.
 *
 *   npx tsx scripts/bench-opening.ts [--verbose]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { warmUp } from '../src/warm-up.js';
import { serviceRequests } from '../db/schema/index.js';
import { currentCatalogue } from '../src/intake/catalogue-cache.js';
import { resolveLocation } from '../src/location/resolve.js';
import { understandOpening } from '../src/understand/opening.js';
import { TestCaller, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from '../test/helpers/twilio-request.js';
import { FIRST_SENTENCES, type FirstSentence } from './bench/first-sentences.js';
import { haversineM, median, percentile } from './bench/stats.js';

const verbose = process.argv.includes('--verbose');
const MAX_TURNS = 16;

interface Outcome {
  sentence: FirstSentence;
  webhooks: number;
  asked: { issue: number; place: number; description: number; wanted: number; other: number };
  filed?: { serviceCode: string; lat: number | null; long: number | null };
  queue?: string;
  /** How many answers after the first sentence the caller gave before being queued (0: at once). */
  answersToQueue?: number;
  emergencyAdvisedAtOnce: boolean;
  reachedStatus: boolean;
  transcript: string[];
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'b311-bench-opening-'));
const config = loadConfig({
  PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
  TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  OUTBOX_POLL_MS: '0',
  QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002',
  QUEUE_MAX_SIZE: '5000',
});
const app = await buildApp({ config, logger: pino({ level: 'silent' }) });
await app.ready();
await warmUp(app);
const catalogue = await currentCatalogue(app.db);

let callerNumber = 2000;
async function place(sentence: FirstSentence): Promise<Outcome> {
  const caller = new TestCaller({ app, from: `+1410555${callerNumber++}`, statusCallbackPath: null });
  const out: Outcome = {
    sentence,
    webhooks: 0,
    asked: { issue: 0, place: 0, description: 0, wanted: 0, other: 0 },
    emergencyAdvisedAtOnce: false,
    reachedStatus: false,
    transcript: [],
  };
  const posts = () => caller.events.filter((e) => e.type === 'request').length;
  await caller.start();
  out.transcript.push(`LINE: ${caller.heard()}`);
  await caller.say(sentence.text);
  out.transcript.push(`CALLER: ${sentence.text}`, `LINE: ${caller.heard()}`);
  out.emergencyAdvisedAtOnce = /9 1 1/.test(caller.heard()) && /hang up and dial|cuelgue y marque/i.test(caller.heard());
  const name = sentence.serviceCode ? catalogue.byCode.get(sentence.serviceCode)?.names[sentence.language] : undefined;
  for (let turn = 0; turn < MAX_TURNS && !caller.hungUp(); turn++) {
    const queue = caller.enqueued();
    if (queue) {
      out.queue = queue.name;
      out.answersToQueue = turn;
      break;
    }
    const heard = caller.heard();
    let answer: () => Promise<unknown>;
    let said: string;
    const say = (text: string) => {
      said = text;
      answer = () => caller.say(text);
    };
    if (/confirmation number is|número de confirmación es/i.test(heard)) {
      said = '(silence)';
      answer = () => caller.silence();
    } else if (/text you|mensaje de texto/i.test(heard)) say(sentence.language === 'es' ? 'no' : 'no');
    else if (/already been reported|ya fue reportado/i.test(heard)) say(sentence.language === 'es' ? 'no' : 'no');
    else if (/enter your confirmation number|marque su número de confirmación|status of your request|su solicitud/i.test(heard)) {
      out.reachedStatus = true;
      break;
    } else if (/Is that right|¿Es correcto|It sounds like|Parece que/i.test(heard)) say(sentence.language === 'es' ? 'sí' : 'yes');
    else if (/one of these|uno de estos/i.test(heard)) {
      out.asked.issue++;
      const options = [...heard.matchAll(/(?:For|Para) ([^,.]+), (?:press|oprima) (\d)/g)];
      const pick = options.find(([, service]) => service === name)?.[2] ?? '9';
      said = pick;
      answer = () => caller.press(pick);
    } else if (/tell me the problem|dígame el problema|press \d for|oprima \d/i.test(heard) && !/Where is|Dónde/.test(heard)) {
      out.asked.issue++;
      say(name ?? 'something else');
    } else if (/Where is the problem|Dónde está el problema|what street|qué calle/i.test(heard)) {
      out.asked.place++;
      say(sentence.place ?? (sentence.language === 'es' ? '1200 North Charles Street' : '1200 North Charles Street'));
    } else if (/describe the problem|describa el problema/i.test(heard)) {
      out.asked.description++;
      say(sentence.language === 'es' ? 'lleva así una semana' : "it's been like that for a week");
    } else if (/what would you like the city to do|qué le gustaría que hiciera la ciudad/i.test(heard)) {
      out.asked.wanted++;
      say(sentence.language === 'es' ? 'que lo arreglen por favor' : 'please fix it');
    } else {
      out.asked.other++;
      said = '(silence)';
      answer = () => caller.silence();
    }
    out.transcript.push(`CALLER: ${said!}`);
    await answer!();
    out.transcript.push(`LINE: ${caller.heard()}`);
  }
  out.webhooks = posts();
  const [request] = await app.db.select().from(serviceRequests).where(eq(serviceRequests.callSid, caller.callSid));
  if (request) out.filed = { serviceCode: request.serviceCode, lat: request.lat, long: request.long };
  return out;
}

const outcomes: Outcome[] = [];
for (const sentence of FIRST_SENTENCES) outcomes.push(await place(sentence));

// Ground truth for places: the clean place, resolved alone.
const truth = new Map<string, { lat: number; long: number }>();
for (const s of FIRST_SENTENCES) {
  if (!s.place || truth.has(s.place)) continue;
  const r = await resolveLocation(app.db, s.place);
  if (r.kind === 'resolved') truth.set(s.place, { lat: r.lat, long: r.long });
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}% (${n}/${d})` : 'n/a');
function reportFigures(label: string, group: Outcome[]) {
  const reports = group.filter((o) => o.sentence.intent === 'report');
  const filed = reports.filter((o) => o.filed);
  const withTypeAndPlace = reports.filter((o) => o.sentence.place && o.sentence.kind !== 'type-only');
  const noneAgain = withTypeAndPlace.filter(
    (o) => o.filed && o.asked.issue === 0 && o.asked.place === 0 && (!o.sentence.wanted || o.asked.wanted === 0),
  );
  const rightType = filed.filter((o) => o.filed!.serviceCode === o.sentence.serviceCode);
  const placed = filed.filter((o) => o.sentence.place && truth.has(o.sentence.place));
  const within = placed.filter((o) => {
    const t = truth.get(o.sentence.place!)!;
    return o.filed!.lat !== null && o.filed!.long !== null && haversineM(o.filed!.lat, o.filed!.long, t.lat, t.long) <= 250;
  });
  console.log(`\n${label}`);
  console.log(`  reports filed:                                   ${pct(filed.length, reports.length)}`);
  console.log(`  type and place in the first sentence, filed with no question asked again: ${pct(noneAgain.length, withTypeAndPlace.length)}`);
  console.log(`  webhook steps per report (first ring to goodbye): median ${median(filed.map((o) => o.webhooks))}, p90 ${percentile(filed.map((o) => o.webhooks), 0.9)}`);
  console.log(`  filed with the right type:                       ${pct(rightType.length, filed.length)}`);
  console.log(`  located within 250 m of the place meant:         ${pct(within.length, placed.length)}`);
  const sum = (k: keyof Outcome['asked']) => reports.reduce((n, o) => n + o.asked[k], 0);
  console.log(`  asked again — issue ${sum('issue')}, place ${sum('place')}, description ${sum('description')}, wanted ${sum('wanted')} (of ${reports.filter((o) => o.sentence.wanted).length} who said it: ${reports.filter((o) => o.sentence.wanted && o.asked.wanted).length}), other ${sum('other')}`);
  return { noneAgain: noneAgain.length / Math.max(1, withTypeAndPlace.length) };
}

console.log(`First sentences: ${FIRST_SENTENCES.length} (${FIRST_SENTENCES.filter((s) => s.language === 'es').length} Spanish)`);
reportFigures('All reports', outcomes);
reportFigures('English reports', outcomes.filter((o) => o.sentence.language === 'en'));
reportFigures('Spanish reports', outcomes.filter((o) => o.sentence.language === 'es'));
const byKind = new Map<string, Outcome[]>();
for (const o of outcomes) byKind.set(o.sentence.kind, [...(byKind.get(o.sentence.kind) ?? []), o]);
console.log('\nBy kind (reports filed right type / no question asked again for type and place)');
for (const [kind, group] of byKind) {
  const filed = group.filter((o) => o.filed);
  const right = filed.filter((o) => o.filed!.serviceCode === o.sentence.serviceCode).length;
  const clean = group.filter((o) => o.filed && o.asked.issue === 0 && o.asked.place === 0).length;
  console.log(`  ${kind.padEnd(18)} ${String(group.length).padStart(3)} sentences, filed ${filed.length}, right type ${right}, nothing asked again ${clean}`);
}
const police = outcomes.filter((o) => o.sentence.intent === 'police');
console.log(`\nPolice callers queued for the police without a second question: ${pct(police.filter((o) => o.queue === 'police-non-emergency' && o.answersToQueue === 0).length, police.length)}`);
const emergencies = outcomes.filter((o) => o.sentence.intent === 'emergency');
console.log(`Emergencies told to dial 911 in the very next response: ${pct(emergencies.filter((o) => o.emergencyAdvisedAtOnce).length, emergencies.length)}`);
const status = outcomes.filter((o) => o.sentence.intent === 'status');
console.log(`Status callers at the status lookup: ${pct(status.filter((o) => o.reachedStatus).length, status.length)}`);
const operator = outcomes.filter((o) => o.sentence.intent === 'operator');
console.log(`Operator callers in the operator queue: ${pct(operator.filter((o) => o.queue === 'operator').length, operator.length)}`);

// Understanding one utterance, on warm caches, inside a transaction as a webhook runs it.
const timings: number[] = [];
await app.db.transaction(async (tx) => {
  const tools = {
    classify: (t: string, l: 'en' | 'es') => catalogue.classifier.classify(t, l),
    handling: (code: string) => catalogue.byCode.get(code)?.handling as 'report' | 'police' | undefined,
    resolve: (span: string) => resolveLocation(tx, span),
  };
  const intents = [
    { intent: 'status' as const, words: ['check on my request', 'status', 'my request'] },
    { intent: 'police' as const, words: ['police'] },
  ];
  for (let round = 0; round < 5; round++) {
    for (const s of FIRST_SENTENCES) {
      const started = performance.now();
      await understandOpening(s.text, s.language, intents, tools);
      if (round > 0) timings.push(performance.now() - started);
    }
  }
});
console.log(`\nUnderstanding one utterance: p50 ${percentile(timings, 0.5).toFixed(2)} ms, p99 ${percentile(timings, 0.99).toFixed(2)} ms, max ${Math.max(...timings).toFixed(2)} ms (${timings.length} runs)`);

if (verbose) {
  for (const o of outcomes) {
    const wrong =
      o.sentence.intent === 'report'
        ? !o.filed || o.filed.serviceCode !== o.sentence.serviceCode || o.asked.issue || o.asked.place
        : o.sentence.intent === 'police'
          ? o.queue !== 'police-non-emergency' || o.answersToQueue !== 0
          : o.sentence.intent === 'emergency'
            ? !o.emergencyAdvisedAtOnce
            : o.sentence.intent === 'status'
              ? !o.reachedStatus
              : o.queue !== 'operator';
    if (!wrong) continue;
    console.log(`\n--- ${o.sentence.kind} expected ${o.sentence.serviceCode} at ${o.sentence.place ?? '-'}; filed ${o.filed?.serviceCode ?? 'nothing'}`);
    for (const line of o.transcript) console.log(`   ${line.slice(0, 220)}`);
  }
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });
