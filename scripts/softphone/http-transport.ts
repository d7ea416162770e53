import type { Transport } from './call-engine.js';
import { formBody, twilioSignature, withQuery } from './signing.js';

export interface HttpTransportOptions {
  authToken: string;
  /** The URL Twilio would use (what the service checks signatures against). */
  publicBaseUrl: string;
  /** Where the service actually listens, when it differs (a local port behind a tunnel). */
  serviceUrl?: string;
  /** Twilio gives up after 15 s in all. */
  timeoutMs?: number;
}

function trim(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Real HTTP requests, signed for the public URL and sent to the service's own address. */
export function httpTransport(options: HttpTransportOptions): Transport {
  const publicBase = trim(options.publicBaseUrl);
  const serviceBase = trim(options.serviceUrl ?? options.publicBaseUrl);
  const toService = (url: string) => (url.startsWith(publicBase) ? serviceBase + url.slice(publicBase.length) : url);

  return async ({ method, url, params }) => {
    const signedUrl = method === 'GET' ? withQuery(url, params) : url;
    const headers: Record<string, string> = {
      'x-twilio-signature': twilioSignature(options.authToken, signedUrl, method === 'GET' ? {} : params),
      'user-agent': 'TwilioProxy/1.1 (baltimore-311 softphone)',
    };
    if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
    try {
      const response = await fetch(toService(signedUrl), {
        method,
        headers,
        ...(method === 'POST' ? { body: formBody(params) } : {}),
        redirect: 'follow',
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
    } catch (err) {
      // Twilio sees a timeout or a refused connection as a failed request, like a 5xx.
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      return { status: 0, contentType: '', body: `no answer: ${cause ?? (err as Error).message}` };
    }
  };
}
