import type { DbOrTx } from '../../db/client.js';
import type { QueueFigures } from '../queue/figures.js';
import { callEndings, callsByDay, callsByHour, callTally, containmentOf, type Containment, type DayCount, type EndingCount, type HourCount } from './calls.js';
import type { StatsFilter } from './filter.js';
import { firstQuestion, type FirstQuestion } from './first-question.js';
import { openRequestMap, type OpenRequestMap } from './map.js';
import { queueFiguresFor } from './queues.js';
import { requestFigures, type RequestFigures } from './requests.js';
import { speechHealth, type SpeechCount } from './speech.js';

/** Everything CityStat shows for one period and line: the page, stats.json and the CSVs. */
export interface CityStat {
  filter: StatsFilter;
  callsByHour: HourCount[];
  callsByDay: DayCount[];
  endings: EndingCount[];
  containment: Containment;
  queues: QueueFigures[];
  requests: RequestFigures;
  speech: SpeechCount[];
  firstQuestion: FirstQuestion;
  openRequests: OpenRequestMap;
}

/**
 * Runs every figure's queries. They are independent, so on PostgreSQL they run side by side on
 * the pool; PGlite has one connection and simply takes them in turn.
 */
export async function cityStat(db: DbOrTx, filter: StatsFilter): Promise<CityStat> {
  const [tally, queues, requests, speech, first, openRequests] = await Promise.all([
    callTally(db, filter),
    queueFiguresFor(db, filter),
    requestFigures(db, filter),
    speechHealth(db, filter),
    firstQuestion(db, filter),
    openRequestMap(db, filter),
  ]);
  return {
    filter,
    callsByHour: tally.byHour,
    callsByDay: tally.byDay,
    endings: tally.endings,
    containment: containmentOf(tally.endings),
    queues,
    requests,
    speech,
    firstQuestion: first,
    openRequests,
  };
}

type Cell = string | number | null;
interface Figure {
  /** What the figure is, for the page's list of downloads. */
  title: string;
  columns: readonly string[];
  rows(db: DbOrTx, filter: StatsFilter): Promise<Cell[][]>;
}

/** Each figure as a table for the city's analysts: /admin/stats/{name}.csv. */
export const FIGURES = {
  'calls-by-hour': {
    title: 'Calls per hour of day',
    columns: ['hour', 'calls'],
    rows: async (db, f) => (await callsByHour(db, f)).map((r) => [r.hour, r.calls]),
  },
  'calls-by-day': {
    title: 'Calls per day',
    columns: ['day', 'calls'],
    rows: async (db, f) => (await callsByDay(db, f)).map((r) => [r.day, r.calls]),
  },
  endings: {
    title: 'How calls ended',
    columns: ['ending', 'label', 'calls', 'share'],
    rows: async (db, f) => (await callEndings(db, f)).map((r) => [r.ending, r.label, r.calls, r.share]),
  },
  containment: {
    title: 'Containment',
    columns: ['calls', 'contained', 'rate'],
    rows: async (db, f) => {
      const c = containmentOf(await callEndings(db, f));
      return [[c.calls, c.contained, c.rate]];
    },
  },
  queues: {
    title: 'Queues and call-backs',
    columns: ['queue', 'held', 'median_wait_s', 'p90_wait_s', 'abandoned', 'abandon_rate', 'turned_away',
      'callbacks_made', 'callbacks_answered', 'callbacks_failed', 'callbacks_open', 'callback_attempts'],
    rows: async (db, f) =>
      (await queueFiguresFor(db, f)).map((q) => [q.queue, q.held, q.medianWaitS, q.p90WaitS, q.abandoned, q.abandonRate, q.turnedAway,
        q.callbacksMade, q.callbacksAnswered, q.callbacksFailed, q.callbacksOpen, q.callbackAttempts]),
  },
  'requests-by-type': {
    title: 'Requests by type',
    columns: ['service_code', 'service', 'department', 'requests', 'open', 'closed', 'merged_reports'],
    rows: async (db, f) =>
      (await requestFigures(db, f)).byType.map((t) => [t.serviceCode, t.service, t.department, t.requests, t.open, t.closed, t.mergedReports]),
  },
  'requests-by-department': {
    title: 'Requests by department',
    columns: ['department', 'name', 'requests', 'open', 'closed', 'median_close_h', 'p90_close_h', 'merged_reports'],
    rows: async (db, f) =>
      (await requestFigures(db, f)).byDepartment.map((d) => [d.department, d.name, d.requests, d.open, d.closed, d.medianCloseH, d.p90CloseH, d.mergedReports]),
  },
  speech: {
    title: 'Speech recognition',
    columns: ['path', 'label', 'calls', 'share'],
    rows: async (db, f) => (await speechHealth(db, f)).map((s) => [s.path, s.label, s.calls, s.share]),
  },
  'first-question': {
    title: 'The first question',
    columns: ['answered', 'understood', 'share', 'reports', 'median_steps_per_report'],
    rows: async (db, f) => {
      const q = await firstQuestion(db, f);
      return [[q.answered, q.understood, q.share, q.reports, q.medianStepsPerReport]];
    },
  },
  'open-requests': {
    title: 'Open requests on the map (per cell)',
    columns: ['lat', 'long', 'type', 'count'],
    rows: async (db, f) => (await openRequestMap(db, f)).cells.map((c) => [c.lat, c.long, c.type, c.count]),
  },
} as const satisfies Record<string, Figure>;
export type FigureName = keyof typeof FIGURES;

export function isFigure(name: string): name is FigureName {
  return Object.hasOwn(FIGURES, name);
}
