import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parseQueueAgents } from '../config.js';

/** Who answers which queue, from QUEUE_AGENTS, with every number in E.164. */
export interface AgentRoster {
  /** The queues an agent's phone serves, in the order configured; [] for a stranger. */
  queuesOf(number: string | undefined): string[];
  /** Whether anyone is configured to answer this queue. */
  staffed(queue: string): boolean;
}

function e164(raw: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), 'US');
  return parsed?.isValid() ? parsed.number : undefined;
}

export function agentRoster(spec: string): AgentRoster {
  const byNumber = new Map<string, string[]>();
  const staffed = new Set<string>();
  for (const [queue, numbers] of parseQueueAgents(spec)) {
    for (const raw of numbers) {
      const number = e164(raw);
      if (!number) continue;
      staffed.add(queue);
      const queues = byNumber.get(number) ?? [];
      if (!queues.includes(queue)) queues.push(queue);
      byNumber.set(number, queues);
    }
  }
  return {
    queuesOf: (number) => (number ? [...(byNumber.get(number) ?? [])] : []),
    staffed: (queue) => staffed.has(queue),
  };
}

/** Queues that offer a call-back at once when nobody is configured to answer them. */
export function callbackWhenUnstaffed(spec: string): Set<string> {
  return new Set(spec.split(',').map((q) => q.trim()).filter(Boolean));
}
