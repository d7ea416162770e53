import { Type } from '@sinclair/typebox';
import type { Answer, FramePatch, Outcome, Reply, ScratchOf, StepContext, StepHandler, StepOf } from '../flow/step-api.js';
import { agentRoster, callbackWhenUnstaffed } from './agents.js';
import { answerCallbackStage, CALLBACK_STAGES, stagePrompt, type CallbackStage, type DialogueInput } from './callback-dialogue.js';
import { confirmCallback, savePending } from './callbacks.js';
import { OPERATOR_QUEUE } from './operator-queue.js';
import { queuePhrase } from './phrases.js';
import { findWait, holdingCount, recordJoin, recordTurnedAway } from './waits.js';

const scratch = {
  /** Wrong answers so far in the call-back dialogue. */
  callbackTries: Type.Integer({ minimum: 0 }),
};
type Ctx = StepContext<StepOf<'enqueue'>, ScratchOf<typeof scratch>>;
type Out = Outcome<ScratchOf<typeof scratch>>;

const PHASE_PREFIX = 'callback-';

/**
 * Puts the caller in a live queue after saying why, recording the wait in the call's transaction.
 * When the queue is already full by our own count, or a queue that must be staffed has nobody
 * configured to answer it, the caller is offered a call-back at once instead of an endless hold.
 */
export const enqueue: StepHandler<StepOf<'enqueue'>, typeof scratch> = {
  scratch,
  async enter(ctx) {
    const { queue } = ctx.step;
    const reason = ctx.step.id;
    const outcome = ctx.frame.outcome ?? (queue === OPERATOR_QUEUE ? 'operator' : 'police');
    const turnedAway = await whyTurnedAway(ctx);
    // A caller just told to dial 911 who stays on the line is not asked about call-backs: they
    // hold for the first person free, whoever is on shift.
    if (turnedAway && outcome !== 'emergency') {
      await recordTurnedAway(ctx.tx, { callSid: ctx.call.sid, queue, reason, result: turnedAway });
      return {
        kind: 'reply',
        phase: `${PHASE_PREFIX}offer`,
        frame: { outcome, queue, queueTurnedAway: turnedAway },
        scratch: { callbackTries: 0 },
        reply: stageReply('offer', [
          queuePhrase(turnedAway === 'full' ? 'queueFull' : 'unstaffed', ctx.language),
          ...stagePrompt('offer', { language: ctx.language, callerNumber: ctx.call.from }),
        ]),
      };
    }
    await recordJoin(ctx.tx, { callSid: ctx.call.sid, queue, reason });
    return holdReply(ctx, [ctx.step.reason[ctx.language]], { outcome, queue });
  },

  async input(ctx, input) {
    const stage = stageOf(ctx.phase);
    // An answer after the Enqueue (a replayed request) has nothing to ask: keep the caller holding.
    if (!stage) return holdReply(ctx, [], {});
    const step = answerCallbackStage(stage, dialogueInput(input), {
      language: ctx.language,
      callerNumber: ctx.call.from,
      tries: ctx.scratch.callbackTries ?? 0,
    });
    const wait = await findWait(ctx.tx, ctx.call.sid, ctx.step.queue);
    switch (step.kind) {
      case 'ask':
        if (step.number) {
          await savePending(ctx.tx, {
            callSid: ctx.call.sid,
            queue: ctx.step.queue,
            number: step.number,
            joinedAt: wait?.joinedAt ?? new Date(),
          });
        }
        return {
          kind: 'reply',
          phase: `${PHASE_PREFIX}${step.stage}`,
          scratch: { callbackTries: step.tries },
          reply: stageReply(step.stage, step.say),
        };
      case 'done':
        await confirmCallback(ctx.tx, ctx.call.sid, step.reason);
        return {
          kind: 'reply',
          phase: 'ended',
          frame: { outcome: 'callback' },
          scratch: { callbackTries: undefined },
          reply: { say: [queuePhrase('willCallBack', ctx.language)], end: { kind: 'hangup' } },
        };
      case 'declined':
        // A full queue still takes callers who would rather hold, and so does any queue for a
        // caller who was just given emergency advice. Nobody is hung up on for not taking a call-back.
        if (ctx.frame.queueTurnedAway === 'full' || ctx.frame.outcome === 'emergency') {
          await recordJoin(ctx.tx, { callSid: ctx.call.sid, queue: ctx.step.queue, reason: ctx.step.id });
          return holdReply(ctx, [queuePhrase('backToHold', ctx.language)], {});
        }
        return toOperators(ctx);
    }
  },
};

/**
 * A caller who did not take the call-back from a queue nobody answers (said no, or said nothing)
 * is put through to the operators, who take every kind of call, and told so; the operators' own
 * queue, when it is the one unstaffed, holds them anyway.
 */
async function toOperators(ctx: Ctx): Promise<Out> {
  const queue = OPERATOR_QUEUE;
  await recordJoin(ctx.tx, { callSid: ctx.call.sid, queue, reason: `${ctx.step.id}:declined-callback` });
  return {
    kind: 'reply',
    phase: 'queued',
    frame: { outcome: 'operator', queue },
    scratch: { callbackTries: undefined },
    reply: { say: [queuePhrase(ctx.step.queue === queue ? 'backToHold' : 'toOperator', ctx.language)], end: { kind: 'enqueue', queue } },
  };
}

async function whyTurnedAway(ctx: Ctx): Promise<'full' | 'unstaffed' | undefined> {
  const { queue } = ctx.step;
  if (callbackWhenUnstaffed(ctx.config.QUEUE_CALLBACK_WHEN_UNSTAFFED).has(queue) && !agentRoster(ctx.config.QUEUE_AGENTS).staffed(queue)) {
    return 'unstaffed';
  }
  if ((await holdingCount(ctx.tx, queue)) >= ctx.config.QUEUE_MAX_SIZE) return 'full';
  return undefined;
}

function holdReply(ctx: Ctx, say: string[], frame: FramePatch): Out {
  return {
    kind: 'reply',
    phase: 'queued',
    frame,
    // Out of the call-back dialogue: a replayed answer finds nothing to count.
    scratch: { callbackTries: undefined },
    reply: { say, end: { kind: 'enqueue', queue: ctx.step.queue } },
  };
}

/** A stage's question as an engine reply: how the caller answers each one. */
function stageReply(stage: CallbackStage, say: string[]): Reply {
  switch (stage) {
    case 'offer':
    case 'confirm':
      return { say, gather: { input: 'dtmf', numDigits: 1 } };
    case 'number':
      return { say, gather: { input: 'dtmf', finishOnKey: '#', timeout: 10 } };
    case 'reason':
      return { say, gather: { input: 'dtmf speech', answer: 'long', numDigits: 1, finishOnKey: '' } };
  }
}

function stageOf(phase: string): CallbackStage | undefined {
  const stage = phase.startsWith(PHASE_PREFIX) ? phase.slice(PHASE_PREFIX.length) : '';
  return (CALLBACK_STAGES as readonly string[]).includes(stage) ? (stage as CallbackStage) : undefined;
}

function dialogueInput(input: Answer): DialogueInput {
  if (input.kind === 'speech') return { kind: 'speech', text: input.text };
  return input;
}
