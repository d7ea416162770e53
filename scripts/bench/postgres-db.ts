import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * A database of the bench's own on the PostgreSQL server DATABASE_URL points at: created empty
 * (the bench migrates and seeds it) and dropped at the end, whatever happened in between.
 */
export async function createBenchDatabase(serverUrl: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const url = new URL(serverUrl);
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = () => {
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    return postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  };
  const sql = admin();
  try {
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  let dropped = false;
  return {
    url: dbUrl.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      const dropper = admin();
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * CPU ticks (1/100 s) used so far by the PostgreSQL backends serving `database`, read from /proc:
 * the server runs on this machine (the bench only talks to loopback). Undefined if unreadable.
 */
export async function backendTicks(serverUrl: string, database: string): Promise<number | undefined> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database}`;
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        return undefined;
      }
    }
    return ticks;
  } catch {
    return undefined;
  } finally {
    await sql.end();
  }
}
