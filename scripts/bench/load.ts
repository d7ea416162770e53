/**
 * A closed loop of simulated callers: each places one whole call after another (the kind drawn
 * from the mix) until the phase ends. Throughput counts what completes inside the measured
 * window, latency the webhooks sent and answered inside it. A caller still on the line when the
 * window ends hangs up before their next answer (the status callback closes the session); an
 * answer still awaited is waited for, and any error met after the window still counts.
 */
import { CallFailure, HungUpAtPhaseEnd, pause, type CallContext, type CallKind, type CallResult } from './calls.js';
import type { OnWebhook } from './transport.js';
import type { Transport } from '../softphone/call-engine.js';
import { Latencies, type LatencySummary } from './stats.js';

export type Mix = Record<CallKind, number>;

export interface PhaseOptions {
  /** Callers on the line at once. */
  calls: number;
  thinkMs: number;
  warmupS: number;
  durationS: number;
  /** Longest a phase waits for the calls still running after its window. */
  drainS?: number;
}

export interface PhaseCallbacks {
  /** A transport for one call that reports each webhook's time. */
  transportFor(onWebhook: OnWebhook): Transport;
  publicBaseUrl: string;
  /** What the next call will be; may use the confirmations gathered so far. */
  nextKind(confirmations: readonly string[]): CallKind;
  place(kind: CallKind, ctx: CallContext): Promise<CallResult>;
  confirmations: string[];
  nextNumber(): string;
}

export interface ErrorExample {
  kind: string;
  step: string;
  message: string;
  heard: string;
}

export interface PhaseResult {
  seconds: number;
  callsCompleted: number;
  callsPerSecond: number;
  webhooks: number;
  webhooksPerSecond: number;
  latency: LatencySummary;
  errors: number;
  errorExamples: ErrorExample[];
  /** Webhooks of every completed call of the phase (warm-up included), by kind. */
  webhookCounts: Record<CallKind, number[]>;
  callsByKind: Partial<Record<CallKind, number>>;
  /** Report calls that joined a neighbour's open request (in the window). */
  merged: number;
  /** The steps with the slowest p99 (each step's webhooks together, in the window). */
  slowestSteps: { step: string; count: number; p50: number; p99: number }[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runPhase(options: PhaseOptions, cb: PhaseCallbacks): Promise<PhaseResult> {
  const started = performance.now();
  const windowStart = started + options.warmupS * 1000;
  const windowEnd = windowStart + options.durationS * 1000;
  const latencies = new Latencies();
  let webhooks = 0;
  let callsCompleted = 0;
  let errors = 0;
  const errorExamples: ErrorExample[] = [];
  const webhookCounts: Record<CallKind, number[]> = { report: [], status: [], police: [] };
  const callsByKind: Partial<Record<CallKind, number>> = {};
  let merged = 0;
  const steps = new Map<string, Latencies>();
  // A webhook's latency counts when it was sent inside the window (and answered by its end):
  // one sent during the warm-up carries the warm-up's queue into the figures.
  const inWindow = (sent: number, answered: number) => sent >= windowStart && answered <= windowEnd;
  const onTurn = (step: string, ms: number) => {
    const now = performance.now();
    if (!inWindow(now - ms, now)) return;
    let seen = steps.get(step);
    if (!seen) steps.set(step, (seen = new Latencies()));
    seen.add(ms);
  };

  const caller = async (index: number) => {
    // Callers join spread over the first half second (or the first pause, if longer).
    await sleep((index / options.calls) * Math.max(500, options.thinkMs));
    while (performance.now() < windowEnd) {
      const kind = cb.nextKind(cb.confirmations);
      let callHooks = 0;
      const onWebhook: OnWebhook = (ms) => {
        callHooks++;
        const now = performance.now();
        // Throughput counts every answer given inside the window; latency only those sent in it.
        if (now >= windowStart && now <= windowEnd) webhooks++;
        if (inWindow(now - ms, now)) latencies.add(ms);
      };
      const ctx: CallContext = {
        transport: cb.transportFor(onWebhook),
        publicBaseUrl: cb.publicBaseUrl,
        from: cb.nextNumber(),
        thinkMs: options.thinkMs,
        confirmations: cb.confirmations,
        onTurn,
        hangUpAt: windowEnd,
      };
      try {
        const result = await cb.place(kind, ctx);
        if (result.confirmation) cb.confirmations.push(result.confirmation);
        const now = performance.now();
        if (now >= windowStart && now <= windowEnd) {
          callsCompleted++;
          callsByKind[kind] = (callsByKind[kind] ?? 0) + 1;
          if (result.merged) merged++;
        }
        webhookCounts[kind].push(callHooks);
      } catch (err) {
        if (err instanceof HungUpAtPhaseEnd) break;
        errors++;
        if (errorExamples.length < 5) {
          const failure = err instanceof CallFailure ? err : undefined;
          errorExamples.push({
            kind: String(kind),
            step: failure?.step ?? '?',
            message: (err as Error).message.slice(0, 600),
            heard: failure?.heard.slice(0, 300) ?? '',
          });
        }
        // A failing service should not be hammered in a tight loop.
        await sleep(50);
      }
      await pause(options.thinkMs);
    }
  };

  const running = Promise.all(Array.from({ length: options.calls }, (_, i) => caller(i)));
  const drainMs = (options.drainS ?? 30) * 1000;
  const drained = await Promise.race([
    running.then(() => true),
    sleep(Math.max(0, windowEnd - performance.now()) + drainMs).then(() => false),
  ]);
  if (!drained) {
    errors++;
    errorExamples.push({ kind: '-', step: 'drain', message: `calls were still running ${drainMs / 1000} s after the window`, heard: '' });
  }
  const seconds = options.durationS;
  return {
    seconds,
    callsCompleted,
    callsPerSecond: callsCompleted / seconds,
    webhooks,
    webhooksPerSecond: webhooks / seconds,
    latency: latencies.summary(),
    errors,
    errorExamples,
    webhookCounts,
    callsByKind,
    merged,
    slowestSteps: [...steps.entries()]
      .map(([step, l]) => ({ step, ...l.summary() }))
      .sort((a, b) => b.p99 - a.p99)
      .slice(0, 5)
      .map(({ step, count, p50, p99 }) => ({ step, count, p50, p99 })),
  };
}

/**
 * Draws call kinds in the mix's proportions. A status check needs an earlier report's number:
 * until one exists a report is placed instead (the baseline, which needs none, passes false).
 */
export function kindPicker(mix: Mix, needsConfirmation = true, random: () => number = Math.random) {
  const total = mix.report + mix.status + mix.police;
  return (confirmations: readonly string[]): CallKind => {
    const r = random() * total;
    const kind: CallKind = r < mix.report ? 'report' : r < mix.report + mix.status ? 'status' : 'police';
    return kind === 'status' && needsConfirmation && confirmations.length === 0 ? 'report' : kind;
  };
}
