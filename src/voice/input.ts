import { clampSpeech } from '../flow/speech.js';
import type { CallerInput } from '../flow/types.js';

export type WebhookBody = Record<string, unknown>;

/** A Twilio CallSid: "CA" and 32 hex digits. Anything else is not a call of ours. */
export function callSidOf(body: WebhookBody): string | undefined {
  const sid = body.CallSid;
  return typeof sid === 'string' && /^CA[0-9a-fA-F]{32}$/.test(sid) ? sid : undefined;
}

/** What the caller did, from a Gather action (or the Redirect after it, on silence). */
export function callerInput(body: WebhookBody, silence: boolean): Exclude<CallerInput, { kind: 'enter' }> {
  // The Redirect after a Gather: Twilio reached it because the caller said and pressed nothing.
  if (silence) return { kind: 'silence' };
  const digits = typeof body.Digits === 'string' ? body.Digits.trim() : '';
  if (digits) {
    // Keys only; a huge or odd string is treated as an answer we cannot use, not as silence.
    return /^[0-9*#]{1,40}$/.test(digits) ? { kind: 'digits', digits } : { kind: 'digits', digits: '' };
  }
  const speech = typeof body.SpeechResult === 'string' ? clampSpeech(body.SpeechResult) : '';
  if (speech) {
    const c = typeof body.Confidence === 'string' ? Number.parseFloat(body.Confidence) : Number.NaN;
    return { kind: 'speech', text: speech, confidence: Number.isFinite(c) && c >= 0 && c <= 1 ? c : undefined };
  }
  // An action with nothing usable in it.
  return { kind: 'silence' };
}
