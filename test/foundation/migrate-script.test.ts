import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function migrate(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('scripts/migrate.ts', () => {
  it('migrates an embedded database and exits 0', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'b311-migrate-'));
    try {
      const run = migrate({ DATA_DIR: dir });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/migrated pglite database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits non-zero with a message when the database cannot be migrated', () => {
    const run = migrate({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', DB_TIMEOUT_MS: '1000' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/migration failed/);
  }, 60_000);
});
