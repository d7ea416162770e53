/**
 * A PostgreSQL cluster of a test's own, made with this machine's initdb/pg_ctl in a temp folder
 * on a free port, so a test can stop, freeze, slow down and restart "the database" without
 * touching the shared cluster on 5432 that other test files use.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The bin folder of the newest PostgreSQL installed (Debian's layout), or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')) && existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** Whether this machine can make a throwaway cluster (binaries, and a `postgres` user when root). */
export function canRunThrowawayPostgres(): boolean {
  if (!postgresBinDir()) return false;
  if (process.getuid?.() !== 0) return true;
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n').some((line) => line.startsWith('postgres:'));
  } catch {
    return false;
  }
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** Starts (or restarts after a stop) and waits until it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop`: 'immediate' is a crash (no checkpoint, recovery on the next start). */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  /** SIGSTOP / SIGCONT to every process of the cluster: a database that hangs without failing. */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  running(): boolean;
  /** Stops it if running and deletes its folder. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/** Creates and starts a cluster in a new temp folder; call destroy() when done. */
export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin');
  const root = mkdtempSync(path.join(os.tmpdir(), 'b311-pg-'));
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const asRoot = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root: hand the folder to the postgres user.
  if (asRoot) {
    const { uid, gid } = await postgresIds();
    chownSync(root, uid, gid);
  }
  const pg = async (tool: string, args: string[]) => {
    const command = path.join(bin, tool);
    const options = { timeout: 60_000 };
    return asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args], options) : run(command, args, options);
  };

  const port = await freePort();
  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
  let isRunning = false;
  const settings = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${root}'`,
    // Small: it serves one test file beside the shared cluster.
    '-c max_connections=40',
    '-c shared_buffers=16MB',
  ].join(' ');

  const cluster: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', settings, '-w', '-t', '60', 'start']);
      isRunning = true;
    },
    async stop(mode = 'fast') {
      await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      isRunning = false;
    },
    async freeze() {
      await signalAll('STOP');
    },
    async thaw() {
      await signalAll('CONT');
    },
    running: () => isRunning,
    async destroy() {
      try {
        if (isRunning) {
          await signalAll('CONT').catch(() => {});
          await cluster.stop('immediate');
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };

  /** The postmaster (first line of postmaster.pid) and its children, by parent pid. */
  async function signalAll(signal: 'STOP' | 'CONT') {
    const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isSafeInteger(postmaster) || postmaster <= 1) throw new Error('no postmaster pid');
    const children = (await run('ps', ['-o', 'pid=', '--ppid', String(postmaster)]).catch(() => ({ stdout: '' }))).stdout
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((pid) => Number.isSafeInteger(pid) && pid > 1);
    // Children first on STOP (so none is restarted by a running postmaster), postmaster first on CONT.
    const order = signal === 'STOP' ? [...children, postmaster] : [postmaster, ...children];
    for (const pid of order) {
      try {
        process.kill(pid, `SIG${signal}`);
      } catch {
        // Gone already: a backend that ended between ps and kill.
      }
    }
  }

  try {
    await cluster.start();
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  return cluster;
}
