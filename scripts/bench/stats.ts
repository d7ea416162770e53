/** Latencies of one phase, in milliseconds, kept whole: a phase holds at most a few 100,000. */
export class Latencies {
  private values: number[] = [];

  add(ms: number) {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.values).sort();
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0);
    return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1]! : 0 };
  }
}

export interface LatencySummary {
  /** Webhooks measured. */
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
