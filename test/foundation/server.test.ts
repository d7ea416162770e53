import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { twilioCallParams, twilioSignature } from '../helpers/twilio-request.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'b311-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

describe('the server process', () => {
  it('starts on embedded PostgreSQL, answers health checks, and shuts down gracefully on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, PUBLIC_BASE_URL: base, LOG_LEVEL: 'info', TWILIO_AUTH_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    await waitFor(`${base}/healthz`, 60_000);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // No TWILIO_AUTH_TOKEN: a generated token in DATA_DIR signs local calls.
    const token = readFileSync(path.join(dir, 'twilio-local-auth-token'), 'utf8').trim();
    const params = twilioCallParams({});
    const signature = twilioSignature(token, `${base}/voice/incoming`, params);
    const inFlight = fetch(`${base}/voice/incoming`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    // Signal only once the server is handling the webhook, so it is truly in flight.
    const until = Date.now() + 10_000;
    while (!stdout.includes('/voice/incoming') && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<Response>');
    expect(await exited).toBe(0);
    // The database was closed and the folder lock released.
    expect(existsSync(path.join(dir, 'postmaster.lock'))).toBe(false);
  }, 90_000);
});
