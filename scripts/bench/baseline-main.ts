/** The bench's child process for the baseline (see baseline-app.ts), on a loopback port. */
import { buildBaselineApp } from './baseline-app.js';
import { serveOverIpc } from './child-ipc.js';

const token = process.env.TWILIO_AUTH_TOKEN ?? '';
const base = process.env.PUBLIC_BASE_URL ?? '';
if (token.length < 16 || !base) throw new Error('the baseline needs TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL');
await serveOverIpc(await buildBaselineApp(token, base));
