import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';

/** X-Twilio-Signature for a request to `url` (the full public URL, query included). */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return getExpectedTwilioSignature(authToken, url, params);
}

/** Form-encodes parameters the way Twilio posts them. */
export function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** Appends parameters to a URL's query (Twilio's GET webhooks carry them there). */
export function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.append(key, value);
  return target.toString();
}
