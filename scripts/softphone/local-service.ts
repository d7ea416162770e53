import type { FastifyInstance } from 'fastify';

/** Whether anything answers HTTP at the URL (any status counts). */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'GET', signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the service in this process on the URL's port (for --start). Imported lazily so the
 * softphone runs without the service's dependencies when calling a running instance.
 */
export async function startLocalService(serviceUrl: string, publicBaseUrl: string, env: Record<string, string | undefined>): Promise<FastifyInstance> {
  const { loadConfig } = await import('../../src/config.js');
  const { buildApp } = await import('../../src/app.js');
  const url = new URL(serviceUrl);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const config = loadConfig({ ...env, PORT: port, PUBLIC_BASE_URL: publicBaseUrl, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
  const app = await buildApp({ config });
  await app.listen({ port: config.PORT, host: url.hostname.replace(/^\[|\]$/g, '') });
  return app;
}
