/**
 * `npm run bench`: how many calls the voice line carries on this machine, and what each webhook
 * costs against a bare signed-webhook server. See scripts/bench/options.ts for the settings and
 * docs/benchmarks.md for the figures and how to read them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchChild, type Memory } from './bench/child.js';
import { baselineCall, placeCall, type CallKind } from './bench/calls.js';
import { kindPicker, runPhase, type PhaseResult } from './bench/load.js';
import { parseOptions, USAGE, type BenchOptions, type Phase, type Target } from './bench/options.js';
import { backendTicks, createBenchDatabase } from './bench/postgres-db.js';
import { prepareDatabase } from './bench/prepare-database.js';
import { formatRow, formatSummary, type Row } from './bench/report.js';
import { formatTopFrames } from './bench/top-frames.js';
import { timedTransport } from './bench/transport.js';

const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC_BASE_URL = 'https://311.example.org';
const TICKS_PER_S = 100;

type Server = Target | 'baseline';

const cleanups: (() => Promise<void>)[] = [];

async function cleanUp() {
  while (cleanups.length) await cleanups.pop()!().catch((err) => console.error(`clean-up failed: ${(err as Error).message}`));
}

function childEnv(extra: Record<string, string>): Record<string, string> {
  // Only what a child needs: nothing from our environment can point it at a real Twilio account.
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  const env: Record<string, string> = {};
  for (const key of keep) if (process.env[key]) env[key] = process.env[key]!;
  return { ...env, PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN: AUTH_TOKEN, ...extra };
}

interface Started {
  child: BenchChild;
  note: string;
  /** CPU ticks of the PostgreSQL backends serving the bench's database, when on PostgreSQL. */
  databaseTicks?: () => Promise<number | undefined>;
}

async function startServer(server: Server, options: BenchOptions, workDir: string): Promise<Started> {
  if (server === 'baseline') {
    const child = await BenchChild.start({ entry: 'baseline-main.ts', env: childEnv({}), logFile: path.join(workDir, 'baseline.log') });
    return { child, note: '' };
  }
  const dataDir = mkdtempSync(path.join(workDir, `${server}-`));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel,
    // Agents on both queues, and room for every caller: police calls hold instead of being
    // offered a call-back, so their prompts are the same in every run.
    QUEUE_AGENTS: 'police-non-emergency=+14105550001;operator=+14105550002',
    QUEUE_MAX_SIZE: '5000',
    // The service's own settings, when the bench is run with them (e.g. DB_POOL_SIZE=20).
    ...Object.fromEntries(['DB_POOL_SIZE', 'DB_TIMEOUT_MS', 'DB_PREPARE', 'OUTBOX_POLL_MS'].flatMap((key) => (process.env[key] ? [[key, process.env[key]!]] : []))),
  };
  let note = '';
  let databaseTicks: Started['databaseTicks'];
  if (server === 'postgres') {
    const database = await createBenchDatabase(options.databaseUrl!);
    cleanups.push(() => database.drop());
    env.DATABASE_URL = database.url;
    note = `database ${database.name} (dropped at the end)`;
    databaseTicks = () => backendTicks(options.databaseUrl!, database.name);
  }
  const prepared = await prepareDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
  console.log(`  ${server}: database migrated and seeded in ${(prepared.ms / 1000).toFixed(1)} s${prepared.fromCache ? ' (copied from .tmp/bench-pglite)' : ''}`);
  const child = await BenchChild.start({ entry: 'service-main.ts', env: childEnv(env), logFile: path.join(workDir, `${server}.log`) });
  return { child, note, ...(databaseTicks ? { databaseTicks } : {}) };
}

/** Calls of the service as they happened: how many webhooks each kind of call took. */
type CallSizes = Record<CallKind, number[]>;
// Used only if the baseline runs without a service phase to copy: the scripts' plain paths.
const PLAIN_SIZES: CallSizes = { report: [12], status: [6], police: [6] };

async function measure(server: Server, phase: Phase, started: Started, options: BenchOptions, sizes: CallSizes, workDir: string): Promise<Row> {
  const { child } = started;
  const calls = phase === 'saturated' && server === 'pglite' ? options.pgliteSaturatedCalls : options.calls;
  const thinkMs = phase === 'paced' ? options.thinkMs : 0;
  const transport = timedTransport({
    origin: `http://127.0.0.1:${child.port}`,
    publicBaseUrl: PUBLIC_BASE_URL,
    authToken: AUTH_TOKEN,
    connections: options.connections,
  });
  let numbers = 0;
  // A new caller number for every call (the line would otherwise recognise repeat callers).
  const numberBase = 2_000_000 + Math.floor(Math.random() * 1_000_000);
  const peakReset = child.resetPeak();
  let sampledPeakKb = child.memory().rssKb;
  const sampler = setInterval(() => {
    try {
      sampledPeakKb = Math.max(sampledPeakKb, child.memory().rssKb);
    } catch {
      /* the child is gone: the phase will report errors */
    }
  }, 200);
  const profiling = options.profile && server !== 'baseline';
  if (profiling) child.startProfile();
  const cpuBefore = child.cpu().ticks;
  const databaseBefore = await started.databaseTicks?.();
  const clientBefore = process.cpuUsage();
  const wallBefore = performance.now();
  let result: PhaseResult;
  try {
    result = await runPhase(
      { calls, thinkMs, warmupS: options.warmupS, durationS: options.durationS },
      {
        transportFor: transport.forCall,
        publicBaseUrl: PUBLIC_BASE_URL,
        confirmations: [],
        nextKind: kindPicker(options.mix, server !== 'baseline'),
        nextNumber: () => `+1410${String(numberBase + (numbers++ % 7_000_000)).padStart(7, '0')}`,
        place: (kind, ctx) => {
          if (server !== 'baseline') return placeCall(kind, ctx);
          // As many webhooks as a call of the same kind made on the service, drawn from them all.
          const seen = sizes[kind].length ? sizes[kind] : PLAIN_SIZES[kind];
          return baselineCall(ctx, seen[Math.floor(Math.random() * seen.length)]!);
        },
      },
    );
  } finally {
    clearInterval(sampler);
    await transport.close();
  }
  const profile = profiling ? await child.stopProfile(path.join(workDir, `${server}-${phase}.cpuprofile`)) : undefined;
  const wallS = (performance.now() - wallBefore) / 1000;
  const serverCpu = (child.cpu().ticks - cpuBefore) / TICKS_PER_S / wallS;
  const databaseAfter = await started.databaseTicks?.();
  const databaseCpu = databaseBefore !== undefined && databaseAfter !== undefined ? (databaseAfter - databaseBefore) / TICKS_PER_S / wallS : undefined;
  const client = process.cpuUsage(clientBefore);
  const clientCpu = (client.user + client.system) / 1e6 / wallS;
  const memory: Memory = child.memory();
  const allWebhooks = Object.values(result.webhookCounts).flat().reduce((a, b) => a + b, 0);
  return {
    server,
    phase,
    calls,
    thinkMs,
    result,
    peakKb: peakReset ? Math.max(memory.peakKb, sampledPeakKb) : sampledPeakKb,
    serverCpu,
    clientCpu,
    serverCpuMsPerWebhook: allWebhooks ? (serverCpu * wallS * 1000) / allWebhooks : 0,
    ...(databaseCpu !== undefined ? { databaseCpu, databaseCpuMsPerWebhook: allWebhooks ? (databaseCpu * wallS * 1000) / allWebhooks : 0 } : {}),
    loadAverage: os.loadavg()[0]!,
    ...(profile ? { profile } : {}),
  };
}

async function benchServer(server: Server, options: BenchOptions, workDir: string, rows: Row[]) {
  // The baseline copies the call sizes of the first service run of the same phase.
  const sizesFor = (phase: Phase): CallSizes => rows.find((r) => r.server !== 'baseline' && r.phase === phase)?.result.webhookCounts ?? PLAIN_SIZES;
  console.log(`\n== ${server === 'baseline' ? 'baseline: bare Fastify, signature check, fixed TwiML' : `the service on ${server}`}`);
  const started = await startServer(server, options, workDir);
  const { child, note } = started;
  cleanups.push(() => child.stop());
  const startup = child.memory();
  console.log(`  listening on 127.0.0.1:${child.port} (pid ${child.pid}) after ${(child.startMs / 1000).toFixed(1)} s; peak memory while starting ${(startup.peakKb / 1024).toFixed(0)} MB${note ? `; ${note}` : ''}`);
  for (const phase of options.phases) {
    const row = await measure(server, phase, started, options, sizesFor(phase), workDir);
    row.startupPeakKb = startup.peakKb;
    rows.push(row);
    console.log(formatRow(row));
    if (row.profile) console.log(`\n${formatTopFrames(row.profile, 30)}\n  (profile kept at ${row.profile})\n`);
  }
  await child.stop();
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'b311-bench-'));
  let keepWorkDir = options.profile;
  // Registered first, so it runs last: the servers must be stopped before their data goes.
  cleanups.push(async () => {
    if (keepWorkDir) console.log(`Logs${options.profile ? ' and profiles' : ''} kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  });
  const stop = () => {
    console.error('\ninterrupted: stopping the servers and dropping the bench database');
    void cleanUp().then(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const mix = options.mix;
  console.log(
    `Bench on ${os.cpus().length} cores, Node ${process.version}: ${options.phases.join(' and ')} phases of ${options.durationS} s (after ${options.warmupS} s of warm-up); ` +
      `mix report ${mix.report} / status ${mix.status} / police ${mix.police}; up to ${options.connections} keep-alive connections; ` +
      `paced callers wait ${options.thinkMs} ms before each answer. Logs and data in ${workDir}.`,
  );
  const rows: Row[] = [];
  try {
    // The baseline last: its calls copy the sizes of the service's calls.
    const servers: Server[] = [...options.targets, ...(options.baseline ? (['baseline'] as const) : [])];
    for (const server of servers) await benchServer(server, options, workDir, rows);
  } catch (err) {
    keepWorkDir = true;
    throw err;
  } finally {
    if (rows.some((r) => r.result.errors > 0)) keepWorkDir = true;
    await cleanUp();
  }
  console.log(`\n${formatSummary(rows)}`);
  return rows.some((r) => r.result.errors > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err);
    await cleanUp();
    process.exit(1);
  },
);
