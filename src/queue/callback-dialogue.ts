import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Language } from '../flow/step-api.js';
import { queuePhrase } from './phrases.js';

/**
 * The call-back request as a small state machine, shared by the caller on hold (the waitUrl's
 * Gather) and the caller turned away before holding (the enqueue step): offer → confirm the caller
 * ID or key in a number → say why they called → done. Plain data in, plain data out; the edges
 * render it as TwiML and keep what it asks them to keep.
 */
export const CALLBACK_STAGES = ['offer', 'confirm', 'number', 'reason'] as const;
export type CallbackStage = (typeof CALLBACK_STAGES)[number];

export type DialogueInput =
  | { kind: 'digits'; digits: string }
  | { kind: 'speech'; text: string }
  | { kind: 'silence' };

export interface DialogueContext {
  language: Language;
  /** The caller ID in E.164, undefined when withheld. */
  callerNumber: string | undefined;
  /** Answers we could not use at this stage so far. */
  tries: number;
}

/** Asks at one stage allowed before the caller goes back to hold (or is told to call again). */
export const MAX_TRIES = 3;

export type DialogueStep =
  /** Say this and ask at `stage`; keep `number` first when given. */
  | { kind: 'ask'; stage: CallbackStage; say: string[]; tries: number; number?: string }
  /** The request is complete: the call-back joins the line with this reason. */
  | { kind: 'done'; reason: string }
  /** The caller did not want a call-back, or could not give a number: back to what they were doing. */
  | { kind: 'declined'; say: string[] };

export function lastFour(number: string): string {
  return number.replace(/\D/g, '').slice(-4).split('').join(' ');
}

/** The question a stage asks (for the first ask, and every re-ask). */
export function stagePrompt(stage: CallbackStage, ctx: Pick<DialogueContext, 'language' | 'callerNumber'>): string[] {
  const { language } = ctx;
  switch (stage) {
    case 'offer':
      return [queuePhrase('offerCallback', language)];
    case 'confirm':
      return ctx.callerNumber
        ? [queuePhrase('confirmNumber', language, { last4: lastFour(ctx.callerNumber) })]
        : [queuePhrase('enterNumber', language)];
    case 'number':
      return [queuePhrase('enterNumber', language)];
    case 'reason':
      return [queuePhrase('askReason', language)];
  }
}

/** A US number to call back, in E.164, from keyed digits; undefined for anything else. */
export function usNumber(digits: string): string | undefined {
  const clean = digits.replace(/[^0-9]/g, '');
  if (clean.length < 10 || clean.length > 11) return undefined;
  const parsed = parsePhoneNumberFromString(clean, 'US');
  return parsed?.isValid() && parsed.country === 'US' ? parsed.number : undefined;
}

/** The next step of the request after the caller's answer at `stage`. */
export function answerCallbackStage(stage: CallbackStage, input: DialogueInput, ctx: DialogueContext): DialogueStep {
  const ask = (next: CallbackStage, extra: Partial<{ number: string; before: string[] }> = {}): DialogueStep => ({
    kind: 'ask',
    stage: next,
    say: [...(extra.before ?? []), ...stagePrompt(next, ctx)],
    tries: 0,
    ...(extra.number ? { number: extra.number } : {}),
  });
  const again = (before: string[] = []): DialogueStep =>
    ctx.tries + 1 >= MAX_TRIES
      ? { kind: 'declined', say: [] }
      : { kind: 'ask', stage, say: [...before, ...stagePrompt(stage, ctx)], tries: ctx.tries + 1 };
  const digits = input.kind === 'digits' ? input.digits : '';

  switch (stage) {
    case 'offer':
      if (digits !== '1') return input.kind === 'silence' ? again() : { kind: 'declined', say: [] };
      return ctx.callerNumber ? ask('confirm') : ask('number');
    case 'confirm':
      if (!ctx.callerNumber) return ask('number');
      if (digits === '1') return ask('reason', { number: ctx.callerNumber });
      if (digits === '2') return ask('number');
      return again();
    case 'number': {
      const number = usNumber(digits);
      if (!number) return input.kind === 'silence' ? again() : again([queuePhrase('badNumber', ctx.language)]);
      return ask('reason', { number });
    }
    case 'reason':
      // Silence is fine: the call-back matters more than the reason for it.
      return { kind: 'done', reason: input.kind === 'speech' ? input.text : '' };
  }
}
