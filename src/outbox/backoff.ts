/** The longest wait between two tries, however many attempts came before. */
export const MAX_BACKOFF_MS = 15 * 60_000;

/**
 * Delay before the next try after `attempt` failed tries: base·2^(attempt−1), capped, with "equal
 * jitter" (half fixed, half random) so a provider outage does not end with every instance
 * retrying every row in the same instant, while no retry comes sooner than half its step.
 */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
