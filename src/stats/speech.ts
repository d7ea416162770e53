import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import type { ClassifiedBy } from '../intake/classify-step.js';
import { lineOfCall } from './calls.js';
import { within, type StatsFilter } from './filter.js';

/** How the issue type was settled, from the classify step's 'issue-classified' events. */
export const SPEECH_PATHS = {
  'first-try': 'Understood at the first try',
  confirmation: 'Understood after a confirmation',
  keypad: 'Only by keypad',
} as const satisfies Record<ClassifiedBy, string>;
export type SpeechPath = keyof typeof SPEECH_PATHS;

export interface SpeechCount {
  path: SpeechPath;
  label: string;
  calls: number;
  /** Share of the issue types settled in the period (0–1). */
  share: number;
}

/** Speech recognition health: of the issue types settled, the share understood each way. */
export async function speechHealth(db: DbOrTx, filter: StatsFilter): Promise<SpeechCount[]> {
  const rows = await executeRows<{ path: string; calls: number }>(
    db,
    sql`select e.detail->>'path' as path, count(*)::int as calls
        from call_events e
        where e.kind = 'issue-classified' and ${within(sql`e.at`, filter)} ${lineOfCall(filter, 'e.call_sid')}
        group by 1`,
  );
  const byPath = new Map(rows.map((r) => [r.path, Number(r.calls)]));
  const paths = Object.keys(SPEECH_PATHS) as SpeechPath[];
  const total = paths.reduce((sum, p) => sum + (byPath.get(p) ?? 0), 0);
  return paths.map((path) => {
    const calls = byPath.get(path) ?? 0;
    return { path, label: SPEECH_PATHS[path], calls, share: total ? calls / total : 0 };
  });
}
