/**
 * The bench's child process for the service itself: the real app (src/app.ts) built from the
 * environment the bench gives it, listening on a loopback port chosen by the OS. It reports the
 * port over IPC and closes cleanly on "stop", so a --cpu-prof profile gets written.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { serveOverIpc } from './child-ipc.js';

const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0' });
const app = await buildApp({ config });
await serveOverIpc(app);
