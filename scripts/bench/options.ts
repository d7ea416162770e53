import type { Mix } from './load.js';

export const TARGETS = ['pglite', 'postgres'] as const;
export type Target = (typeof TARGETS)[number];
export const PHASES = ['paced', 'saturated'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  targets: Target[];
  phases: Phase[];
  /**
   * Callers on the line at once: in the paced phase on every server (each pausing like a person,
   * so these are concurrent calls), and in the saturated phase on PostgreSQL and the baseline.
   */
  calls: number;
  /**
   * Callers in PGlite's saturated phase. PGlite runs one statement at a time in the service's
   * own thread: 10 callers without pauses already keep it at its ceiling, and each caller more
   * only queues (latency grows as callers / throughput, throughput does not).
   */
  pgliteSaturatedCalls: number;
  /** The paced phase's pause before each answer; the saturated phase has none. */
  thinkMs: number;
  warmupS: number;
  durationS: number;
  mix: Mix;
  /** Keep-alive connections the client may open to a server at most. */
  connections: number;
  /** The service's LOG_LEVEL (info, as a live line runs). */
  logLevel: string;
  /** Runs the service with --cpu-prof and prints its top frames. */
  profile: boolean;
  baseline: boolean;
  databaseUrl: string | undefined;
  help: boolean;
}

export const USAGE = `npm run bench -- [options]   (each option also reads from the environment variable shown)

  --calls N            callers at once: the paced phase on every server,    BENCH_CALLS     (200)
                       the saturated phase on PostgreSQL and the baseline
  --pglite-calls N     callers at once in PGlite's saturated phase          BENCH_PGLITE_CALLS (10)
  --duration S         seconds measured per phase                           BENCH_DURATION_S (10)
  --warmup S           seconds before each phase's window (not counted)     BENCH_WARMUP_S  (3)
  --think-ms MS        paced phase: a caller's pause before each answer     BENCH_THINK_MS  (1000)
  --mix R,S,P          shares of report, status and police calls            BENCH_MIX       (70,20,10)
  --connections N      keep-alive connections to a server at most           BENCH_CONNECTIONS (64)
  --targets LIST       pglite,postgres (postgres needs DATABASE_URL)       BENCH_TARGETS
  --phases LIST        paced,saturated                                      BENCH_PHASES    (both)
  --log-level LEVEL    the service's LOG_LEVEL                              BENCH_LOG_LEVEL (info)
  --no-baseline        skip the bare-Fastify baseline
  --profile            run the service under --cpu-prof and print its top frames

With DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) the bench also runs on
PostgreSQL, in a database bench_<random> it creates on that server and drops at the end.`;

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, got "${value}"`);
  return n;
}

function list<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T[]): T[] {
  if (!value) return fallback;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`${name}: unknown "${item}" (one of ${allowed.join(', ')})`);
  return items as T[];
}

export function parseMix(value: string): Mix {
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts.every((n) => n === 0)) {
    throw new Error(`--mix takes three non-negative shares "report,status,police", got "${value}"`);
  }
  return { report: parts[0]!, status: parts[1]!, police: parts[2]! };
}

export function parseOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const flags: Record<string, string> = {};
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (['profile', 'no-baseline', 'help'].includes(name)) switches.add(name);
    else if (inline !== undefined) flags[name] = inline;
    else if (i + 1 < argv.length) flags[name] = argv[++i]!;
    else throw new Error(`--${name} needs a value`);
  }
  const known = ['calls', 'pglite-calls', 'duration', 'warmup', 'think-ms', 'mix', 'connections', 'targets', 'phases', 'log-level'];
  for (const name of Object.keys(flags)) if (!known.includes(name)) throw new Error(`unknown option --${name}`);

  const databaseUrl = env.DATABASE_URL || undefined;
  const calls = positiveInt('--calls', flags.calls ?? env.BENCH_CALLS, 200);
  const targets = list('--targets', flags.targets ?? env.BENCH_TARGETS, TARGETS, databaseUrl ? ['pglite', 'postgres'] : ['pglite']);
  if (targets.includes('postgres') && !databaseUrl) throw new Error('the postgres target needs DATABASE_URL');
  return {
    targets,
    phases: list('--phases', flags.phases ?? env.BENCH_PHASES, PHASES, [...PHASES]),
    calls,
    pgliteSaturatedCalls: positiveInt('--pglite-calls', flags['pglite-calls'] ?? env.BENCH_PGLITE_CALLS, 10),
    thinkMs: positiveInt('--think-ms', flags['think-ms'] ?? env.BENCH_THINK_MS, 1000, 0),
    warmupS: positiveInt('--warmup', flags.warmup ?? env.BENCH_WARMUP_S, 3, 0),
    durationS: positiveInt('--duration', flags.duration ?? env.BENCH_DURATION_S, 10),
    mix: parseMix(flags.mix ?? env.BENCH_MIX ?? '70,20,10'),
    connections: positiveInt('--connections', flags.connections ?? env.BENCH_CONNECTIONS, 64),
    logLevel: flags['log-level'] ?? env.BENCH_LOG_LEVEL ?? 'info',
    profile: switches.has('profile'),
    baseline: !switches.has('no-baseline'),
    databaseUrl,
    help: switches.has('help'),
  };
}
