import { describe, expect, it } from 'vitest';
import { formatSummary, type Row } from '../../scripts/bench/report.js';

function row(server: Row['server'], phase: Row['phase'], calls: number, webhooksPerSecond: number, p99: number): Row {
  return {
    server,
    phase,
    calls,
    thinkMs: phase === 'paced' ? 1000 : 0,
    result: {
      seconds: 10,
      callsCompleted: webhooksPerSecond,
      callsPerSecond: webhooksPerSecond / 10,
      webhooks: webhooksPerSecond * 10,
      webhooksPerSecond,
      latency: { count: webhooksPerSecond * 10, p50: p99 / 4, p95: p99 / 2, p99, max: p99 * 2 },
      errors: 0,
      errorExamples: [],
      webhookCounts: { report: [12], status: [6], police: [6] },
      callsByKind: {},
      merged: 0,
      slowestSteps: [],
    },
    peakKb: 300_000,
    serverCpu: 0.5,
    clientCpu: 0.2,
    serverCpuMsPerWebhook: 1,
    loadAverage: 1,
  };
}

describe('the bench summary', () => {
  const rows = [
    row('pglite', 'paced', 200, 220, 30),
    row('pglite', 'saturated', 10, 600, 55),
    row('postgres', 'paced', 200, 220, 20),
    row('postgres', 'saturated', 200, 800, 330),
    row('baseline', 'paced', 200, 200, 3),
    row('baseline', 'saturated', 200, 5000, 60),
  ];
  const summary = formatSummary(rows);
  const line = (start: string) => summary.split('\n').find((l) => l.startsWith(start))!;

  it('compares throughput with the baseline in the saturated phase only', () => {
    expect(line('| postgres | saturated |')).toContain('| 800 | 16% |');
    expect(line('| postgres | paced (1000 ms) |')).toContain('| 220 |  |');
  });

  it('checks the latency target on the paced phase (concurrent calls), not the saturated one', () => {
    expect(summary).toMatch(/met\s+PostgreSQL: p99 webhook latency under 50 ms with 200 concurrent calls \(paced: 20\.0 ms\)/);
    const slow = formatSummary([row('postgres', 'paced', 200, 220, 51), row('postgres', 'saturated', 200, 800, 330)]);
    expect(slow).toMatch(/MISSED\s+PostgreSQL: p99 webhook latency under 50 ms/);
  });

  it('checks the ratio and PGlite targets against their thresholds', () => {
    expect(summary).toMatch(/MISSED\s+PostgreSQL: webhook throughput at least 40% of the baseline's \(16%\)/);
    expect(summary).toMatch(/met\s+PGlite: at least 500 webhooks\/s with p99 under 100 ms \(saturated: 600 webhooks\/s, p99 55\.0 ms\)/);
    const slowLite = formatSummary([row('pglite', 'saturated', 10, 480, 40)]);
    expect(slowLite).toMatch(/MISSED\s+PGlite/);
  });
});
