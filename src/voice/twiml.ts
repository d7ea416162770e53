import type { FastifyReply } from 'fastify';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Language } from '../flow/schema.js';
import type { Reply, Speech } from '../flow/types.js';

/** The one voice of the line in each language: every <Say> and <Gather> of every route uses it. */
export const VOICES = {
  en: { voice: 'Polly.Joanna-Neural', language: 'en-US' },
  es: { voice: 'Polly.Lupe-Neural', language: 'es-US' },
} as const satisfies Record<Language, { voice: string; language: string }>;

export interface RenderUrls {
  /** Where the Gather posts the caller's answer. */
  action: string;
  /** Where silence goes: the verb after the Gather. */
  silence: string;
  queueWait: (queue: string) => string;
  queueDone: (queue: string) => string;
}

/** Answers a voice webhook with TwiML. */
export function sendTwiml(reply: FastifyReply, twiml: string) {
  return reply.code(200).type('text/xml; charset=utf-8').send(twiml);
}

type SayParent = { say(attributes: VoiceResponse.SayAttributes, message?: string): VoiceResponse.Say };

/**
 * Says all pieces in one <Say>, in the caller's language with the line's voice: digits are read
 * one by one, a short pause between groups.
 */
export function sayIn(parent: SayParent, language: Language, pieces: readonly Speech[]) {
  if (!pieces.length) return;
  const say = parent.say({ voice: VOICES[language].voice, language: VOICES[language].language });
  pieces.forEach((piece, i) => {
    if (i > 0) say.addText(' ');
    if (typeof piece === 'string') {
      say.addText(piece);
      return;
    }
    const groups = splitGroups(piece.digits, piece.groups);
    groups.forEach((group, g) => {
      if (g > 0) say.break({ time: '600ms' });
      say.sayAs({ 'interpret-as': 'digits' }, group);
    });
  });
}

export function splitGroups(digits: string, sizes?: number[]): string[] {
  if (!sizes?.length) return [digits];
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) out.push(digits.slice(at));
  return out;
}

/** Turns an engine reply into TwiML with twilio's own builder. */
export function renderReply(reply: Reply, language: Language, urls: RenderUrls): string {
  const response = new VoiceResponse();
  const voice = VOICES[language];
  if (reply.gather) {
    const g = reply.gather;
    const long = g.answer === 'long';
    const gather = response.gather({
      action: urls.action,
      method: 'POST',
      input: g.input.split(' ') as ('dtmf' | 'speech')[],
      language: voice.language,
      timeout: g.timeout ?? (long ? 6 : 5),
      ...(g.input !== 'dtmf'
        ? {
            speechTimeout: long ? '3' : 'auto',
            ...(long ? { speechModel: 'experimental_conversations' } : {}),
            ...(g.hints?.length ? { hints: hintString(g.hints) } : {}),
          }
        : {}),
      ...(g.numDigits ? { numDigits: g.numDigits } : {}),
      ...(g.finishOnKey !== undefined ? { finishOnKey: g.finishOnKey } : {}),
      actionOnEmptyResult: false,
    });
    sayIn(gather, language, reply.say);
    // Silence falls through to the verb after the Gather: it must lead somewhere.
    response.redirect({ method: 'POST' }, urls.silence);
    return response.toString();
  }
  sayIn(response, language, reply.say);
  switch (reply.end?.kind) {
    case 'enqueue':
      response.enqueue(
        { waitUrl: urls.queueWait(reply.end.queue), waitUrlMethod: 'POST', action: urls.queueDone(reply.end.queue), method: 'POST' },
        reply.end.queue,
      );
      break;
    case 'dial':
      response.dial({ timeout: 30 }, reply.end.number);
      response.hangup();
      break;
    case 'hangup':
    case undefined:
      response.hangup();
      break;
  }
  return response.toString();
}

// The location step offers the same 500 cached phrases to every caller: joined once per list.
const joinedHints = new WeakMap<readonly string[], string>();

/** Twilio takes up to 500 hints of up to 100 characters, comma separated. */
export function hintString(hints: readonly string[]): string {
  const known = joinedHints.get(hints);
  if (known !== undefined) return known;
  const seen = new Set<string>();
  for (const hint of hints) {
    const h = hint.replace(/,/g, ' ').trim().slice(0, 100);
    if (h) seen.add(h);
    if (seen.size >= 500) break;
  }
  const joined = [...seen].join(',');
  joinedHints.set(hints, joined);
  return joined;
}
