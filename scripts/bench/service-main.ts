/**
 * The bench's child process for the service itself: the real app (src/app.ts) built from the
 * environment the bench gives it, its caches loaded before it listens as src/server.ts does,
 * listening on a loopback port chosen by the OS. It reports the port over IPC and closes
 * cleanly on "stop", so a --cpu-prof profile gets written.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { warmUp } from '../../src/warm-up.js';
import { serveOverIpc } from './child-ipc.js';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0' });
const app = await buildApp({ config });
// Without this the first caller to reach the location step paid for loading the gazetteer
// index, stalling every webhook in flight for ~250 ms inside the measured window.
await warmUp(app);
await serveOverIpc(app);
