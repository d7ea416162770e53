import { sql } from 'drizzle-orm';
import { executeRows, type DbOrTx } from '../../db/client.js';
import { lineOfCall } from './calls.js';
import { within, type StatsFilter } from './filter.js';

/*
 * Requests opened in the period. With one line chosen, only those filed by calls to that line;
 * with both, every request whatever its channel (phone or the Open311 API), since departments
 * answer for all of them. A request's department is its service's (the catalogue), not the
 * free-text agency column, which channels fill differently.
 */

export interface TypeFigures {
  serviceCode: string;
  service: string;
  department: string;
  requests: number;
  open: number;
  closed: number;
  /** Opening to closing, in hours, over the period's requests closed so far; null when none is. */
  medianCloseH: number | null;
  p90CloseH: number | null;
  /** Neighbours' reports merged into requests of this type during the period. */
  mergedReports: number;
}

export interface DepartmentFigures {
  department: string;
  name: string;
  requests: number;
  open: number;
  closed: number;
  /** Opening to closing, in hours, over the period's requests closed so far; null when none is. */
  medianCloseH: number | null;
  p90CloseH: number | null;
  mergedReports: number;
}

export interface RequestFigures {
  totals: { requests: number; open: number; closed: number; mergedReports: number };
  byType: TypeFigures[];
  byDepartment: DepartmentFigures[];
}

const DEPARTMENT = sql`coalesce(sv.department_code, r.agency)`;

/**
 * Runs `query` in a transaction with room to sort a year of requests in memory for the
 * percentiles: at PostgreSQL's default 4 MB the sort went to disk and took several times longer.
 * SET LOCAL ends with the transaction; nothing else on the connection is affected.
 */
async function withSortMemory<T>(db: DbOrTx, query: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '32MB'`);
    return query(tx);
  });
}

export async function requestFigures(db: DbOrTx, filter: StatsFilter): Promise<RequestFigures> {
  // One read of the period's requests for both tables: counts per type, and per department the
  // same counts with the time-to-close percentiles (grouping sets, so no second scan).
  const groups = await withSortMemory(db, (tx) => executeRows<{
    by_type: boolean;
    code: string | null;
    service: string | null;
    department: string;
    name: string;
    requests: number;
    open: number;
    closed: number;
    median: number | null;
    p90: number | null;
  }>(
    tx,
    // The rows sorted for the percentiles are kept narrow (code, department, hours) and named
    // afterwards: wide rows made a year's sort spill to disk.
    sql`with r as (
          select r.service_code, ${DEPARTMENT} as department,
            (extract(epoch from r.closed_at - r.requested_at) / 3600)::float8 as close_h
          from service_requests r left join services sv on sv.code = r.service_code
          where ${within(sql`r.requested_at`, filter)} ${lineOfCall(filter, 'r.call_sid')}
        ),
        g as (
          select grouping(service_code) = 0 as by_type, service_code as code, department,
            count(*)::int as requests,
            count(close_h)::int as closed,
            percentile_cont(0.5) within group (order by close_h) as median,
            percentile_cont(0.9) within group (order by close_h) as p90
          from r
          group by grouping sets ((service_code, department), (department))
        )
        select g.by_type, g.code, coalesce(sv.names->>'en', g.code) as service, g.department, coalesce(d.name, g.department) as name,
          g.requests, g.requests - g.closed as open, g.closed, g.median, g.p90
        from g left join services sv on sv.code = g.code left join departments d on d.code = g.department`,
  ));
  const types = groups.filter((g) => g.by_type);
  const departments = groups.filter((g) => !g.by_type);
  // Reports merged in the period, whenever their request was opened.
  const merged = await executeRows<{ code: string; service: string; department: string; name: string; reports: number }>(
    db,
    sql`select r.service_code as code, coalesce(min(sv.names->>'en'), r.service_code) as service, ${DEPARTMENT} as department,
          coalesce(min(d.name), ${DEPARTMENT}) as name, count(*)::int as reports
        from request_reports rr
          join service_requests r on r.id = rr.request_id
          left join services sv on sv.code = r.service_code
          left join departments d on d.code = sv.department_code
        where ${within(sql`rr.created_at`, filter)} ${lineOfCall(filter, 'rr.call_sid')}
        group by r.service_code, 3`,
  );

  const mergedByType = new Map<string, number>();
  const mergedByDepartment = new Map<string, number>();
  for (const m of merged) {
    mergedByType.set(m.code, (mergedByType.get(m.code) ?? 0) + Number(m.reports));
    mergedByDepartment.set(m.department, (mergedByDepartment.get(m.department) ?? 0) + Number(m.reports));
  }

  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const byType: TypeFigures[] = types.map((t) => ({
    serviceCode: t.code!,
    service: t.service!,
    department: t.department,
    requests: Number(t.requests),
    open: Number(t.open),
    closed: Number(t.closed),
    medianCloseH: num(t.median),
    p90CloseH: num(t.p90),
    mergedReports: mergedByType.get(t.code!) ?? 0,
  }));
  // A type whose reports were merged into requests opened before the period still shows them.
  for (const m of merged) {
    if (!byType.some((t) => t.serviceCode === m.code)) {
      byType.push({ serviceCode: m.code, service: m.service, department: m.department, requests: 0, open: 0, closed: 0, medianCloseH: null, p90CloseH: null, mergedReports: mergedByType.get(m.code) ?? 0 });
    }
  }
  byType.sort((a, b) => b.requests - a.requests || b.mergedReports - a.mergedReports || a.serviceCode.localeCompare(b.serviceCode));

  const byDepartment: DepartmentFigures[] = departments.map((d) => ({
    department: d.department,
    name: d.name,
    requests: Number(d.requests),
    open: Number(d.open),
    closed: Number(d.closed),
    medianCloseH: num(d.median),
    p90CloseH: num(d.p90),
    mergedReports: mergedByDepartment.get(d.department) ?? 0,
  }));
  for (const m of merged) {
    if (!byDepartment.some((d) => d.department === m.department)) {
      byDepartment.push({ department: m.department, name: m.name, requests: 0, open: 0, closed: 0, medianCloseH: null, p90CloseH: null, mergedReports: mergedByDepartment.get(m.department) ?? 0 });
    }
  }
  byDepartment.sort((a, b) => b.requests - a.requests || a.department.localeCompare(b.department));

  const sum = (key: 'requests' | 'open' | 'closed' | 'mergedReports') => byType.reduce((s, t) => s + t[key], 0);
  return { totals: { requests: sum('requests'), open: sum('open'), closed: sum('closed'), mergedReports: sum('mergedReports') }, byType, byDepartment };
}
