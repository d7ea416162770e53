import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  file: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The embedded database in ${dir} is already in use by process ${pid}. ` +
        'Stop that process, use another DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** What the lock file holds: the owner's pid and, where the OS tells it, which incarnation of that pid. */
interface LockOwner {
  pid: number;
  /** `boot id:start time in clock ticks` (Linux /proc); null where unknown. */
  incarnation: string | null;
}

/** Folders this process holds now: a second open in the same process is refused, not taken over. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Which run of a pid this is: the boot and the process's start time (field 22 of
 * /proc/<pid>/stat, clock ticks since boot). A pid reused after a crash (pid 1 in a restarted
 * container, or our own pid) has another start time; a reboot another boot id. Null off Linux or
 * when /proc does not show the process.
 */
export function processIncarnation(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTime = fields[22 - 3];
    if (!startTime || !/^\d+$/.test(startTime)) return null;
    return `${bootId()}:${startTime}`;
  } catch {
    return null;
  }
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

/** The owner a lock file names; a bare pid is the format before incarnations were recorded. */
export function parseLockFile(text: string): LockOwner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), incarnation: null };
  try {
    const parsed = JSON.parse(trimmed) as Partial<LockOwner>;
    if (!Number.isSafeInteger(parsed.pid) || (parsed.pid ?? 0) <= 0) return null;
    return { pid: parsed.pid!, incarnation: typeof parsed.incarnation === 'string' ? parsed.incarnation : null };
  } catch {
    return null;
  }
}

/**
 * Whether the process a lock names still holds it. Not when the pid is gone (a crash, kill -9);
 * not when the pid is alive but is another run of it (pid reuse after a restart: its start time
 * differs from the one recorded); not when it names this very process, which knows what it
 * holds. A lock without a recorded start time (the older format) naming pid 1 is stale too:
 * pid 1 is the init of a container or machine, which never opens the database, or is this
 * service itself restarted as a container's first process.
 */
export function ownerHoldsLock(owner: LockOwner, dir: string): boolean {
  if (owner.pid === process.pid) return held.has(dir);
  if (!isAlive(owner.pid)) return false;
  if (owner.incarnation === null) return owner.pid !== 1;
  const now = processIncarnation(owner.pid);
  // Alive but /proc does not say which run it is: refuse rather than risk two writers.
  if (now === null) return true;
  return now === owner.incarnation;
}

/**
 * Removes the lock file only if it still holds `stale`. Two processes starting together may both
 * judge the same stale lock: the first removes it and links its own, and the second must not
 * delete that one. The file is moved aside in one step (rename) and its content compared; a lock
 * that is not the stale one is linked back where it was.
 */
export function removeStaleLock(file: string, stale: string) {
  const aside = `${file}.stale.${process.pid}.${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (readFileSync(aside, 'utf8') !== stale) linkSync(aside, file);
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Filesystems without hard links (some network and FUSE mounts) answer link() with these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Creates `file` holding `content`, failing with EEXIST if it exists; never seen half written where links work. */
function createWhole(aside: string, file: string, content: string) {
  try {
    linkSync(aside, file);
  } catch (err) {
    if (!NO_HARD_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    // O_EXCL instead: another process may then read it empty for an instant, and parses nothing.
    const fd = openSync(file, 'wx');
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Takes the folder for this process alone with a lock file naming our pid and its start time,
 * created whole in one step (written aside, then hard-linked into place, which fails if the lock
 * exists). A lock whose owner no longer holds it (see ownerHoldsLock) is taken over; a live one
 * is refused with DataDirLockedError.
 */
export function lockDataDir(dir: string): DataDirLock {
  const resolved = path.resolve(dir);
  const file = path.join(resolved, 'postmaster.lock');
  const me: LockOwner = { pid: process.pid, incarnation: processIncarnation(process.pid) };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (held.has(resolved)) throw new DataDirLockedError(resolved, process.pid);
    const aside = `${file}.${process.pid}.${attempt}.tmp`;
    writeFileSync(aside, content);
    try {
      createWhole(aside, file, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (readErr) {
        // Released between our link and our read: try again.
        if ((readErr as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw readErr;
      }
      const owner = parseLockFile(text);
      if (owner && ownerHoldsLock(owner, resolved)) throw new DataDirLockedError(resolved, owner.pid);
      removeStaleLock(file, text);
      continue;
    } finally {
      rmSync(aside, { force: true });
    }
    held.add(resolved);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.delete(resolved);
      process.off('exit', release);
      try {
        if (readFileSync(file, 'utf8') === content) rmSync(file);
      } catch {
        /* already gone */
      }
    };
    process.on('exit', release);
    return { file, release };
  }
  throw new Error(`Could not lock ${resolved}`);
}
