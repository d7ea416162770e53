import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './child-ipc.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ChildOptions {
  /** service-main.ts or baseline-main.ts. */
  entry: 'service-main.ts' | 'baseline-main.ts';
  env: Record<string, string>;
  /** Where the child's stdout and stderr go (its pino log for the service). */
  logFile: string;
  startTimeoutMs?: number;
}

export interface Memory {
  rssKb: number;
  peakKb: number;
}

export interface CpuTicks {
  /** utime + stime of the process, in clock ticks (1/100 s on Linux). */
  ticks: number;
}

/** A bench server in its own process, so its memory and CPU are its own. */
export class BenchChild {
  private constructor(
    readonly process: ChildProcess,
    readonly port: number,
    readonly startMs: number,
  ) {}

  static async start(options: ChildOptions): Promise<BenchChild> {
    const log = openSync(options.logFile, 'a');
    const started = performance.now();
    const args = [
      '--import',
      'tsx',
      path.join(here, options.entry),
    ];
    // The environment is the one given, not ours: no Twilio account SID can make it send texts.
    const child = spawn(process.execPath, args, { env: options.env, stdio: ['ignore', log, log, 'ipc'] });
    closeSync(log);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${options.entry} did not start within ${options.startTimeoutMs ?? 180_000} ms`)), options.startTimeoutMs ?? 180_000);
        child.once('message', (message: ChildMessage) => {
          clearTimeout(timer);
          if (message?.type === 'ready') resolve(message.port);
          else reject(new Error(`unexpected message from ${options.entry}`));
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`${options.entry} exited with ${code} before listening; see ${options.logFile}:\n${tail(options.logFile)}`));
        });
      });
      return new BenchChild(child, port, performance.now() - started);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Current and peak resident memory (VmRSS, VmHWM) from /proc. */
  memory(): Memory {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
  }

  /**
   * Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the peak read after a load
   * phase is that phase's, not start-up's (migrations and seeding). Linux 4.0+; false if refused.
   */
  resetPeak(): boolean {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  cpu(): CpuTicks {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name in parentheses.
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]) };
  }

  /** Starts sampling the child's CPU (V8's profiler, through the inspector, in the child). */
  startProfile(): void {
    this.process.send({ type: 'profile-start' } satisfies ParentMessage);
  }

  /** Stops sampling and has the child write the .cpuprofile; resolves with its path. */
  stopProfile(file: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'profiled') resolve(message.file);
        else if (message.type === 'profile-failed') reject(new Error(message.message));
        else return;
        this.process.off('message', onMessage);
      };
      this.process.on('message', onMessage);
      this.process.send({ type: 'profile-stop', file } satisfies ParentMessage);
    });
  }

  /** Asks the child to close (so a profile is written), then kills it if it lingers. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    if (this.process.connected) this.process.send('stop' satisfies ParentMessage);
    else this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}
