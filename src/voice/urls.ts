import type { RenderUrls } from './twiml.js';

/** The public URLs of the voice webhooks, as Twilio must request (and sign) them. */
export function voiceUrls(publicBaseUrl: string, seq: number): RenderUrls {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    action: `${base}/voice/step?seq=${seq}`,
    silence: `${base}/voice/step?seq=${seq}&silence=1`,
    queueWait: (queue) => `${base}/voice/queue/wait?queue=${encodeURIComponent(queue)}`,
    queueDone: (queue) => `${base}/voice/queue/done?queue=${encodeURIComponent(queue)}`,
  };
}
