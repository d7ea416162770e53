import type { PhaseResult } from './load.js';
import type { Phase } from './options.js';

export interface Row {
  server: 'pglite' | 'postgres' | 'baseline';
  phase: Phase;
  calls: number;
  thinkMs: number;
  result: PhaseResult;
  /** Peak resident memory during the phase (VmHWM reset before it, and RSS sampled). */
  peakKb: number;
  startupPeakKb?: number;
  /** Cores used on average by the server process and by the bench's own client. */
  serverCpu: number;
  clientCpu: number;
  /**
   * The server's CPU time per webhook: the cost of a webhook that other processes on a shared
   * machine barely disturb, unlike latency and throughput.
   */
  serverCpuMsPerWebhook: number;
  /** The same for the PostgreSQL backends serving the bench's database (PGlite runs inside the server). */
  databaseCpu?: number;
  databaseCpuMsPerWebhook?: number;
  /** The machine's one-minute load average at the end of the phase (2 means both cores busy). */
  loadAverage: number;
  profile?: string;
}

/** Mean webhooks per completed call, over every kind. */
export function meanCallSize(result: PhaseResult): number {
  const all = Object.values(result.webhookCounts).flat();
  return all.length ? all.reduce((a, b) => a + b, 0) / all.length : 0;
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

export function formatRow(row: Row): string {
  const r = row.result;
  const lines = [
    `  ${row.phase.padEnd(9)} ${row.calls} calls${row.thinkMs ? `, ${row.thinkMs} ms pauses` : ', no pauses'}: ` +
      `${r.callsPerSecond.toFixed(1)} calls/s (${meanCallSize(r).toFixed(1)} webhooks each${row.server === 'baseline' ? '' : `, ${r.merged} reports joined a neighbour's`}), ${r.webhooksPerSecond.toFixed(0)} webhooks/s; ` +
      `latency p50 ${ms(r.latency.p50)} / p95 ${ms(r.latency.p95)} / p99 ${ms(r.latency.p99)} / max ${ms(r.latency.max)} ms; ` +
      `errors ${r.errors}; peak memory ${mb(row.peakKb)}; CPU server ${(row.serverCpu * 100).toFixed(0)}% (${row.serverCpuMsPerWebhook.toFixed(2)} ms per webhook), ` +
      (row.databaseCpu !== undefined ? `PostgreSQL ${(row.databaseCpu * 100).toFixed(0)}% (${row.databaseCpuMsPerWebhook!.toFixed(2)} ms per webhook), ` : '') +
      `client ${(row.clientCpu * 100).toFixed(0)}%; load average ${row.loadAverage.toFixed(1)}`,
  ];
  if (row.server !== 'baseline' && r.slowestSteps.length) {
    lines.push(`    slowest steps (p50 / p99 ms): ${r.slowestSteps.map((s) => `${s.step} ${ms(s.p50)} / ${ms(s.p99)}`).join('; ')}`);
  }
  for (const e of r.errorExamples) {
    lines.push(`    !! ${e.kind} call, at "${e.step}": ${e.message}${e.heard ? `\n       heard: ${e.heard}` : ''}`);
  }
  return lines.join('\n');
}

function find(rows: Row[], server: Row['server'], phase: Phase) {
  return rows.find((r) => r.server === server && r.phase === phase);
}

/** The figures side by side, as a Markdown table, then each target checked. */
export function formatSummary(rows: Row[]): string {
  const out = [
    '| server | phase | calls | calls/s | webhooks/s | vs baseline | p50 ms | p95 ms | p99 ms | max ms | errors | peak memory | server CPU | CPU ms/webhook | PostgreSQL CPU ms/webhook | client CPU | load avg |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const r = row.result;
    const base = find(rows, 'baseline', row.phase);
    // Throughput against the baseline's ceiling: at a human pace both carry what the callers send.
    const ratio =
      row.server !== 'baseline' && row.phase === 'saturated' && base?.result.webhooksPerSecond
        ? `${((r.webhooksPerSecond / base.result.webhooksPerSecond) * 100).toFixed(0)}%`
        : '';
    out.push(
      `| ${row.server} | ${row.phase}${row.thinkMs ? ` (${row.thinkMs} ms)` : ''} | ${row.calls} | ${r.callsPerSecond.toFixed(1)} | ${r.webhooksPerSecond.toFixed(0)} | ${ratio} | ` +
        `${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.errors} | ${mb(row.peakKb)} | ` +
        `${(row.serverCpu * 100).toFixed(0)}% | ${row.serverCpuMsPerWebhook.toFixed(2)} | ${row.databaseCpuMsPerWebhook?.toFixed(2) ?? ''} | ` +
        `${(row.clientCpu * 100).toFixed(0)}% | ${row.loadAverage.toFixed(1)} |`,
    );
  }
  out.push('', 'Targets:');
  const check = (ok: boolean, text: string) => out.push(`  ${ok ? 'met ' : 'MISSED'}  ${text}`);
  const saturated = (server: Row['server']) => find(rows, server, 'saturated');
  const baseline = saturated('baseline');
  const pg = rows.filter((r) => r.server === 'postgres');
  const paced = find(rows, 'postgres', 'paced');
  if (paced) {
    // Concurrent calls are callers who pause like people: the paced phase. The saturated phase
    // has as many webhooks in flight at once, which is many times more calls.
    check(paced.result.latency.p99 < 50, `PostgreSQL: p99 webhook latency under 50 ms with ${paced.calls} concurrent calls (paced: ${ms(paced.result.latency.p99)} ms)`);
  }
  if (pg.length) {
    const sat = saturated('postgres');
    if (sat && baseline) {
      const ratio = sat.result.webhooksPerSecond / baseline.result.webhooksPerSecond;
      check(ratio >= 0.4, `PostgreSQL: webhook throughput at least 40% of the baseline's (${(ratio * 100).toFixed(0)}%)`);
    }
  }
  const lite = rows.filter((r) => r.server === 'pglite');
  if (lite.length) {
    const best = lite.reduce((a, b) => (b.result.webhooksPerSecond > a.result.webhooksPerSecond ? b : a));
    check(
      best.result.webhooksPerSecond >= 500 && best.result.latency.p99 < 100,
      `PGlite: at least 500 webhooks/s with p99 under 100 ms (${best.phase}: ${best.result.webhooksPerSecond.toFixed(0)} webhooks/s, p99 ${ms(best.result.latency.p99)} ms)`,
    );
  }
  const errors = rows.reduce((n, r) => n + r.result.errors, 0);
  check(errors === 0, `no errors (${errors})`);
  return out.join('\n');
}
