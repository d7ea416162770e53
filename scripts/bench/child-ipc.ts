import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** What a bench child tells its parent. */
export type ChildMessage = { type: 'ready'; port: number } | { type: 'profiled'; file: string } | { type: 'profile-failed'; message: string };
/** What the parent asks of a bench child. */
export type ParentMessage = 'stop' | { type: 'profile-start' } | { type: 'profile-stop'; file: string };

/**
 * Listens on a loopback port the OS picks (never another address: the bench sends traffic to
 * this machine only), tells the parent the port, profiles its CPU between two messages (so a
 * profile holds one load phase, not start-up), and closes on "stop" or when the parent goes.
 */
export async function serveOverIpc(app: FastifyInstance): Promise<void> {
  if (!process.send) throw new Error('run this file through npm run bench, which starts it as a child process');
  const send = (message: ChildMessage) => process.send!(message);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  let closing = false;
  let session: Session | undefined;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    process.exit(0);
  };
  process.on('message', async (message: ParentMessage) => {
    try {
      if (message === 'stop') return void (await stop());
      if (message.type === 'profile-start') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
      } else if (message.type === 'profile-stop' && session) {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        session = undefined;
        writeFileSync(message.file, JSON.stringify(profile));
        send({ type: 'profiled', file: message.file });
      }
    } catch (err) {
      send({ type: 'profile-failed', message: (err as Error).message });
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', port });
}
