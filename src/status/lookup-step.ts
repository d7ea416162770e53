import {
  clampSpeech,
  matchWords,
  type Answer,
  type Outcome,
  type Reply,
  type Speech,
  type StepContext,
  type StepHandler,
  type StepOf,
} from '../flow/step-api.js';
import { isValidConfirmation } from '../requests/confirmation.js';
import { isClosed } from '../requests/status.js';
import { confirmationSpeech, describeRequest } from './describe.js';
import { offerWords, say } from './phrases.js';
import { addFollowUp, requestSummary, type RequestSummary } from './queries.js';
import { spokenDigits } from './spoken-digits.js';

type Ctx = StepContext<StepOf<'status-lookup'>>;
type Input = Answer;

const DAY_MS = 86_400_000;

/**
 * Check on a request: the caller keys in (or says) a confirmation number, hears where the
 * request stands, and can add to it ("it's still not fixed"), report something new or hear it
 * again. Phases: `number` (asking for it), `heard` (the offers after the status), `follow-up`
 * (listening to what the caller adds).
 */
export const statusLookup: StepHandler<StepOf<'status-lookup'>> = {
  async enter(ctx) {
    const id = ctx.frame.statusRequestId;
    const request = id !== undefined ? await requestSummary(ctx.tx, { id }) : undefined;
    if (request) {
      const target = await followUpTarget(ctx, request);
      return { kind: 'reply', phase: 'heard', reply: offerReply(ctx, target, describeRequest(request, ctx.language)) };
    }
    // Digits said in the opening sentence are taken as if keyed, once.
    if (ctx.frame.statusDigits) {
      const outcome = await numberInput(ctx, { kind: 'digits', digits: ctx.frame.statusDigits });
      return { ...outcome, frame: { ...outcome.frame, statusDigits: undefined } };
    }
    return { kind: 'reply', phase: 'number', reply: numberReply(ctx), frame: { statusRequestId: undefined } };
  },
  input(ctx, input) {
    switch (ctx.phase) {
      case 'heard':
        return offerInput(ctx, input);
      case 'follow-up':
        return followUpInput(ctx, input);
      default:
        return numberInput(ctx, input);
    }
  },
};

async function numberInput(ctx: Ctx, input: Input): Promise<Outcome> {
  const prompt = ctx.step.prompt[ctx.language];
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply: numberReply(ctx) };
  let digits: string;
  if (input.kind === 'digits') {
    digits = input.digits.replace(/\D/g, '');
  } else {
    digits = spokenDigits(input.text, ctx.language);
    if (!digits && matchWords([offerWords.newReport], (w) => w[ctx.language], input.text)) {
      return { kind: 'exit', exit: 'newReport', say: [say('newReport', ctx.language)] };
    }
  }
  // The check digit catches a mistyped or misheard number before any lookup.
  if (!isValidConfirmation(digits)) {
    const said: Speech[] =
      digits.length >= 6 && digits.length <= 12
        ? [say('theNumber', ctx.language), confirmationSpeech(digits), say('badNumber', ctx.language)]
        : [say('notNineDigits', ctx.language)];
    return { kind: 'retry', reason: 'noMatch', reply: numberReply(ctx, [...said, prompt]) };
  }
  const request = await requestSummary(ctx.tx, { confirmation: digits });
  if (!request) {
    ctx.log.info({ found: false }, 'status lookup');
    return {
      kind: 'retry',
      reason: 'noMatch',
      reply: numberReply(ctx, [say('notFound', ctx.language), confirmationSpeech(digits), '.', say('tryAgain', ctx.language), prompt]),
    };
  }
  ctx.log.info({ found: true, requestId: request.id, status: request.status }, 'status lookup');
  // Re-entering with the request chosen gives the offers that follow a fresh count of attempts.
  // From here the caller has their answer: the call counts as answered by the status line.
  return { kind: 'goto', target: ctx.step.id, frame: { statusRequestId: request.id, outcome: ctx.frame.outcome ?? 'status' } };
}

async function offerInput(ctx: Ctx, input: Input): Promise<Outcome> {
  const request = await selected(ctx);
  if (!request) return statusLookup.enter(ctx);
  // The call was answered by the status line (unless it already filed a report).
  const done = { statusRequestId: undefined, outcome: ctx.frame.outcome ?? 'status' };
  if (input.kind === 'silence') return { kind: 'exit', exit: 'done', frame: done };
  const choice =
    input.kind === 'digits'
      ? ({ '1': 'add', '2': 'newReport', '3': 'again' } as const)[input.digits]
      : matchWords(Object.keys(offerWords) as (keyof typeof offerWords)[], (k) => offerWords[k][ctx.language], input.text);
  const target = await followUpTarget(ctx, request);
  switch (choice) {
    case 'add':
      if (!target || !canFollowUp(ctx, target)) break;
      return {
        kind: 'reply',
        phase: 'follow-up',
        reply: followUpReply(ctx, target),
      };
    case 'newReport':
      return { kind: 'exit', exit: 'newReport', say: [say('newReport', ctx.language)], frame: done };
    case 'again':
      return { kind: 'reply', phase: 'heard', reply: offerReply(ctx, target, describeRequest(request, ctx.language)) };
    case 'done':
      return { kind: 'exit', exit: 'done', frame: done };
    default:
      break;
  }
  return { kind: 'retry', reason: 'noMatch', phase: 'heard', reply: offerReply(ctx, target, []) };
}

async function followUpInput(ctx: Ctx, input: Input): Promise<Outcome> {
  const request = await selected(ctx);
  const target = request && (await followUpTarget(ctx, request));
  if (!request || !target || !canFollowUp(ctx, target)) return statusLookup.enter(ctx);
  const reply = followUpReply(ctx, target);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', phase: 'follow-up', reply };
  const reopen = isClosed(target.status);
  // Pound, from a caller on the keypad: the request is still a problem, in no words of theirs.
  const keyed = input.kind === 'digits' && input.digits === '#';
  const words = input.kind === 'speech' ? clampSpeech(input.text) : keyed ? say(reopen ? 'keyedNotFixed' : 'keyedStillAProblem', 'en') : '';
  if (!words) return { kind: 'retry', reason: 'noMatch', phase: 'follow-up', reply };
  const written = await addFollowUp(ctx.tx, {
    requestId: target.id,
    words,
    reopen,
    idempotencyKey: `${ctx.call.sid}:${ctx.call.seq}`,
  });
  ctx.log.info({ requestId: target.id, reopened: reopen, written }, 'caller follow-up');
  const after = (await requestSummary(ctx.tx, { id: target.id })) ?? target;
  return {
    kind: 'reply',
    phase: 'heard',
    reply: offerReply(ctx, after, [say(reopen ? 'reopened' : 'noted', ctx.language)]),
  };
}

/** A duplicate's follow-up belongs on the request it was merged into: that one gets worked. */
async function followUpTarget(ctx: Ctx, request: RequestSummary): Promise<RequestSummary | undefined> {
  if (request.status !== 'duplicate' || request.duplicateOf === null) return request;
  return requestSummary(ctx.tx, { id: request.duplicateOf });
}

/** Open requests take additions; closed ones can be reopened for a while after closing. */
function canFollowUp(ctx: Ctx, request: RequestSummary): boolean {
  if (!isClosed(request.status)) return true;
  const closedAt = request.closedAt ?? request.lastUpdateAt;
  return Date.now() - closedAt.getTime() <= ctx.config.FOLLOW_UP_WINDOW_DAYS * DAY_MS;
}

/** The status (or whatever `before` holds), then what the caller can do next. */
function offerReply(ctx: Ctx, target: RequestSummary | undefined, before: Speech[]): Reply {
  const { language } = ctx;
  const first: Speech[] = [];
  if (target && !isClosed(target.status)) first.push(say('offerAdd', language));
  else if (target && canFollowUp(ctx, target)) first.push(say('offerNotFixed', language));
  else if (target) first.push(say('offerTooOld', language));
  return {
    say: [...before, ...first, say('offerRest', language)],
    gather: {
      input: 'dtmf speech',
      numDigits: 1,
      hints: Object.values(offerWords).flatMap((w) => w[language]),
    },
  };
}

function followUpReply(ctx: Ctx, target: RequestSummary): Reply {
  return {
    say: [say(isClosed(target.status) ? 'askNotFixed' : 'askAddition', ctx.language), say(isClosed(target.status) ? 'poundNotFixed' : 'poundAddition', ctx.language)],
    gather: { input: 'dtmf speech', answer: 'long', numDigits: 1, finishOnKey: '' },
  };
}

function numberReply(ctx: Ctx, said?: Speech[]): Reply {
  return {
    say: said ?? [ctx.step.prompt[ctx.language]],
    // No numDigits: the caller ends with #, or stops and the timeout ends it, so a short or long
    // entry reaches us and is read back instead of being cut at nine keys.
    gather: { input: 'dtmf speech', finishOnKey: '#', timeout: 6, hints: ['$OOV_CLASS_DIGIT_SEQUENCE'] },
  };
}

async function selected(ctx: Ctx): Promise<RequestSummary | undefined> {
  const id = ctx.frame.statusRequestId;
  return id === undefined ? undefined : requestSummary(ctx.tx, { id });
}
