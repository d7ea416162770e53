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
