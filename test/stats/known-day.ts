import type { Db } from '../../db/client.js';
import { callbacks, callEvents, callSessions, queueWaits, requestReports, serviceRequests } from '../../db/schema/index.js';

/**
 * A small, fully known set of calls and requests for CityStat's tests: the period is
 * 10–11 February 2025 in Baltimore (EST, UTC−5), with calls just outside it on both sides.
 * Every expected figure in the tests is worked out by hand from these rows.
 */
export const PERIOD = { from: '2025-02-10', to: '2025-02-11' };

/** Baltimore wall-clock time in February (UTC−5) as a Date. */
export function est(day: string, time: string): Date {
  return new Date(`${day}T${time}:00-05:00`);
}
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000);

type Line = 'main' | 'outOfArea';
interface Call {
  sid: string;
  line: Line;
  at: Date;
  outcome: string | null;
  classified?: { path: 'first-try' | 'confirmation' | 'keypad'; serviceCode: string };
  wait?: { queue: string; result: string; seconds: number };
  callback?: { queue: string; status: 'answered' | 'failed' | 'cancelled'; attempts: number };
}

export const CALLS: Call[] = [
  { sid: 'CA01', line: 'main', at: est('2025-02-10', '09:15'), outcome: 'report', classified: { path: 'first-try', serviceCode: 'potholes' } },
  { sid: 'CA02', line: 'main', at: est('2025-02-10', '09:40'), outcome: 'report', classified: { path: 'confirmation', serviceCode: 'potholes' } },
  { sid: 'CA03', line: 'main', at: est('2025-02-10', '10:05'), outcome: 'status' },
  {
    sid: 'CA04', line: 'main', at: est('2025-02-10', '10:30'), outcome: 'police',
    classified: { path: 'keypad', serviceCode: 'police-noise' },
    wait: { queue: 'police-non-emergency', result: 'bridged', seconds: 60 },
    callback: { queue: 'police-non-emergency', status: 'cancelled', attempts: 0 },
  },
  { sid: 'CA05', line: 'main', at: est('2025-02-10', '14:00'), outcome: 'police', wait: { queue: 'police-non-emergency', result: 'hangup', seconds: 200 } },
  { sid: 'CA06', line: 'main', at: est('2025-02-11', '08:10'), outcome: 'operator', wait: { queue: 'operator', result: 'bridged', seconds: 30 } },
  { sid: 'CA07', line: 'main', at: est('2025-02-11', '08:20'), outcome: 'abandoned-ivr' },
  { sid: 'CA08', line: 'main', at: est('2025-02-11', '23:30'), outcome: 'emergency', wait: { queue: 'police-non-emergency', result: 'hangup', seconds: 40 } },
  { sid: 'CA09', line: 'outOfArea', at: est('2025-02-10', '09:50'), outcome: 'goodbye' },
  {
    sid: 'CA10', line: 'outOfArea', at: est('2025-02-11', '11:00'), outcome: 'callback',
    wait: { queue: 'operator', result: 'leave', seconds: 90 },
    callback: { queue: 'operator', status: 'answered', attempts: 1 },
  },
  { sid: 'CA11', line: 'outOfArea', at: est('2025-02-11', '11:30'), outcome: 'report', classified: { path: 'first-try', serviceCode: 'rats' } },
  // Five minutes before the period starts and exactly when the day after it starts: left out.
  { sid: 'CA12', line: 'main', at: est('2025-02-09', '23:55'), outcome: 'report', classified: { path: 'first-try', serviceCode: 'potholes' } },
  { sid: 'CA13', line: 'main', at: est('2025-02-12', '00:00'), outcome: 'report' },
  { sid: 'CA14', line: 'main', at: est('2025-02-11', '12:00'), outcome: null },
  {
    sid: 'CA15', line: 'main', at: est('2025-02-10', '12:00'), outcome: 'callback',
    wait: { queue: 'police-non-emergency', result: 'unstaffed', seconds: 0 },
    callback: { queue: 'police-non-emergency', status: 'failed', attempts: 3 },
  },
  { sid: 'CA16', line: 'main', at: est('2025-02-11', '09:00'), outcome: 'report', classified: { path: 'keypad', serviceCode: 'potholes' } },
];

interface Request {
  confirmation: string;
  serviceCode: string;
  agency: string;
  callSid?: string;
  at: Date;
  closedAfterH?: number;
  place?: [number, number];
}

export const REQUESTS: Request[] = [
  { confirmation: '100000001', serviceCode: 'potholes', agency: 'Transportation', callSid: 'CA01', at: est('2025-02-10', '09:18'), closedAfterH: 48, place: [39.29, -76.61] },
  { confirmation: '100000002', serviceCode: 'rats', agency: 'Public Works — Solid Waste', callSid: 'CA11', at: est('2025-02-11', '11:33'), place: [39.3, -76.6] },
  { confirmation: '100000003', serviceCode: 'potholes', agency: 'transportation', at: est('2025-02-10', '10:00'), closedAfterH: 10, place: [39.31, -76.62] },
  { confirmation: '100000004', serviceCode: 'street-light-out', agency: 'transportation', at: est('2025-02-11', '13:00') },
  // Opened before the period; a neighbour's report merged into it during the period still counts.
  { confirmation: '100000005', serviceCode: 'potholes', agency: 'transportation', at: est('2025-02-05', '10:00'), place: [39.28, -76.58] },
  { confirmation: '100000006', serviceCode: 'graffiti', agency: 'solid-waste', at: est('2025-02-11', '16:00'), closedAfterH: 4, place: [39.32, -76.63] },
  { confirmation: '100000007', serviceCode: 'rats', agency: 'solid-waste', at: est('2025-02-10', '16:00'), place: [39.3001, -76.6001] },
];

/** Neighbours' reports merged into existing requests: [call, request confirmation, minutes into the call]. */
const MERGES: [string, string, number][] = [
  ['CA02', '100000001', 4],
  ['CA16', '100000005', 4],
];

export async function insertKnownCalls(db: Db): Promise<void> {
  await db.insert(callSessions).values(
    CALLS.map((c) => ({
      callSid: c.sid,
      line: c.line,
      revisionId: 1,
      step: 'goodbye',
      outcome: c.outcome,
      startedAt: c.at,
      endedAt: c.outcome ? minutes(c.at, 6) : null,
      endStatus: c.outcome ? 'completed' : null,
      durationS: c.outcome ? 360 : null,
    })),
  );
  const classified = CALLS.filter((c) => c.classified);
  await db.insert(callEvents).values(
    classified.map((c) => ({ callSid: c.sid, kind: 'issue-classified', detail: { ...c.classified!, attempts: 0 }, at: minutes(c.at, 1) })),
  );
  await db.insert(queueWaits).values(
    CALLS.filter((c) => c.wait).map((c) => ({
      callSid: c.sid,
      queue: c.wait!.queue,
      reason: 'police-queue',
      joinedAt: minutes(c.at, 1),
      endedAt: new Date(minutes(c.at, 1).getTime() + c.wait!.seconds * 1000),
      result: c.wait!.result,
      queueTimeS: c.wait!.seconds,
    })),
  );
  await db.insert(callbacks).values(
    CALLS.filter((c) => c.callback).map((c) => ({
      callSid: c.sid,
      queue: c.callback!.queue,
      number: '+14105550100',
      joinedAt: minutes(c.at, 1),
      status: c.callback!.status,
      attempts: c.callback!.attempts,
      createdAt: minutes(c.at, 2),
    })),
  );
  const ids = new Map<string, number>();
  for (const r of REQUESTS) {
    const [row] = await db
      .insert(serviceRequests)
      .values({
        confirmation: r.confirmation,
        serviceCode: r.serviceCode,
        agency: r.agency,
        channel: r.callSid ? 'phone' : 'open311',
        callSid: r.callSid ?? null,
        status: r.closedAfterH === undefined ? 'received' : 'completed',
        requestedAt: r.at,
        closedAt: r.closedAfterH === undefined ? null : hours(r.at, r.closedAfterH),
        lat: r.place?.[0] ?? null,
        long: r.place?.[1] ?? null,
        reportCount: 1 + MERGES.filter((m) => m[1] === r.confirmation).length,
      })
      .returning({ id: serviceRequests.id });
    ids.set(r.confirmation, row!.id);
  }
  await db.insert(requestReports).values(
    MERGES.map(([sid, confirmation, after]) => ({
      requestId: ids.get(confirmation)!,
      callSid: sid,
      callerNumber: '+14105550101',
      createdAt: minutes(CALLS.find((c) => c.sid === sid)!.at, after),
    })),
  );
}
