import { Type, type Static } from '@sinclair/typebox';
import {
  normaliseSpeech,
  recordEvent,
  yesNoHints,
  yesOrNo,
  type Answer,
  type Language,
  type Outcome,
  type Reply,
  type ScratchOf,
  type StepContext,
  type StepHandler,
  type StepOf,
} from '../flow/step-api.js';
import { currentCatalogue, type LoadedCatalogue } from './catalogue-cache.js';
import type { CatalogueEntry } from './catalogue.js';
import { intakePhrases as p } from './phrases.js';
import { ClassifiedBy } from './slots.js';

/** How the issue type was understood, for supervisors' speech-recognition figures. */
export type ClassifiedBy = Static<typeof ClassifiedBy>;

const scratch = {
  /** The type offered for a yes or no. */
  candidate: Type.String({ maxLength: 100 }),
  /** The types offered by number. */
  choices: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 3 }),
  /** The department whose types the keypad menu reads. */
  department: Type.String({ maxLength: 100 }),
  /** How the type is being reached, so far. */
  classifyPath: ClassifiedBy,
};
type Out = Outcome<ScratchOf<typeof scratch>>;
type Ctx = StepContext<StepOf<'classify-issue'>, ScratchOf<typeof scratch>>;

/**
 * Works out what the caller is reporting: their own words first (one short confirmation when
 * the match is clear, the best two or three by keypad when it is not), the department and type
 * menus when speech fails. Phases: ask → confirm | choose | department → service.
 */
export const classifyIssue: StepHandler<StepOf<'classify-issue'>, typeof scratch> = {
  scratch,
  async enter(ctx) {
    const catalogue = await currentCatalogue(ctx.tx);
    // Heard already (the opening sentence): a clear type goes on, to be confirmed with the place;
    // likely types are offered by number instead of asking the caller to say it again.
    const heard = ctx.frame.serviceCode ? catalogue.byCode.get(ctx.frame.serviceCode) : undefined;
    if (heard) {
      // Settled by the first sentence: counted like any type understood at the first try.
      const path = ctx.frame.classifiedBy ?? 'first-try';
      await recordEvent(ctx.tx, ctx.call.sid, 'issue-classified', { serviceCode: heard.code, path, attempts: 0 });
      if (heard.handling === 'police') return { kind: 'exit', exit: 'police' };
      const say = ctx.frame.location ? [] : [p.gotIt[ctx.language].replace('{service}', heard.names[ctx.language])];
      return { kind: 'exit', exit: 'report', say };
    }
    const choices = (ctx.frame.issueCandidates ?? []).filter((code) => catalogue.byCode.has(code));
    if (choices.length) {
      return { kind: 'reply', phase: 'choose', scratch: { choices, classifyPath: 'confirmation' }, reply: chooseReply(ctx.language, catalogue, choices) };
    }
    return { kind: 'reply', phase: 'ask', reply: askReply(ctx, catalogue) };
  },

  async input(ctx, input) {
    const catalogue = await currentCatalogue(ctx.tx);
    switch (ctx.phase) {
      case 'confirm':
        return onConfirm(ctx, catalogue, input);
      case 'choose':
        return onChoose(ctx, catalogue, input);
      case 'department':
        return onDepartment(ctx, catalogue, input);
      case 'service':
        return onService(ctx, catalogue, input);
      default:
        return onAsk(ctx, catalogue, input);
    }
  },
};

function askReply(ctx: Ctx, catalogue: LoadedCatalogue): Reply {
  const hints = catalogue.services.map((s) => s.names[ctx.language]);
  return {
    say: [ctx.step.prompt[ctx.language]],
    gather: { input: 'dtmf speech', numDigits: 1, hints },
  };
}

function onAsk(ctx: Ctx, catalogue: LoadedCatalogue, input: Answer): Out {
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply: askReply(ctx, catalogue) };
  if (input.kind === 'digits') return { kind: 'reply', phase: 'department', reply: departmentReply(ctx.language, catalogue) };
  return understand(ctx, catalogue, input.text, 'first-try');
}

/** Classifies speech and decides the next question by how sure the match is. */
function understand(ctx: Ctx, catalogue: LoadedCatalogue, text: string, path: ClassifiedBy): Out {
  const result = catalogue.classifier.classify(text, ctx.language);
  const matches = result.matches.map((m) => catalogue.byCode.get(m.code)).filter((s): s is CatalogueEntry => !!s);
  const frame = { issueWords: text.slice(0, 500) };
  if (result.confidence === 'clear' && matches[0]) {
    return { kind: 'reply', phase: 'confirm', frame, scratch: { classifyPath: path, candidate: matches[0].code }, reply: confirmReply(ctx.language, matches[0]) };
  }
  if (result.confidence === 'unclear' && matches.length >= 1) {
    const choices = matches.slice(0, 3).map((s) => s.code);
    return { kind: 'reply', phase: 'choose', frame, scratch: { classifyPath: path, choices }, reply: chooseReply(ctx.language, catalogue, choices) };
  }
  // No match: the menus, counted as an attempt so repeated failure reaches a person.
  return {
    kind: 'retry',
    reason: 'noMatch',
    phase: 'department',
    frame,
    scratch: { classifyPath: path },
    reply: { ...departmentReply(ctx.language, catalogue), say: [p.useMenu[ctx.language], ...departmentReply(ctx.language, catalogue).say] },
  };
}

function confirmReply(language: Language, service: CatalogueEntry): Reply {
  return {
    say: [p.soundsLike[language].replace('{service}', service.names[language])],
    gather: { input: 'dtmf speech', numDigits: 1, hints: yesNoHints(language) },
  };
}

async function onConfirm(ctx: Ctx, catalogue: LoadedCatalogue, input: Answer): Promise<Out> {
  const candidate = ctx.scratch.candidate ? catalogue.byCode.get(ctx.scratch.candidate) : undefined;
  if (!candidate) return { kind: 'reply', phase: 'ask', reply: askReply(ctx, catalogue) };
  const reply = confirmReply(ctx.language, candidate);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  const answer = yesOrNo(input, ctx.language);
  if (answer === 'yes') return chosen(ctx, candidate, ctx.scratch.classifyPath ?? 'first-try');
  if (answer === 'no') {
    // The caller's correction is the next best guesses, else the menus.
    const choices = catalogue.classifier
      .classify(ctx.frame.issueWords ?? '', ctx.language)
      .matches.map((m) => m.code)
      .filter((code) => code !== candidate.code && catalogue.byCode.has(code))
      .slice(0, 3);
    if (choices.length) {
      return { kind: 'reply', phase: 'choose', scratch: { choices, classifyPath: 'confirmation' }, reply: withSorry(ctx.language, chooseReply(ctx.language, catalogue, choices)) };
    }
    return { kind: 'reply', phase: 'department', scratch: { classifyPath: 'keypad' }, reply: withSorry(ctx.language, departmentReply(ctx.language, catalogue)) };
  }
  // Speech that is neither yes nor no may be the caller restating the problem.
  if (input.kind === 'speech') {
    const again = catalogue.classifier.classify(input.text, ctx.language);
    const best = again.matches[0] && catalogue.byCode.get(again.matches[0].code);
    if (best && again.confidence === 'clear' && best.code !== candidate.code) {
      return { kind: 'reply', phase: 'confirm', scratch: { candidate: best.code, classifyPath: 'confirmation' }, reply: confirmReply(ctx.language, best) };
    }
  }
  return { kind: 'retry', reason: 'noMatch', reply };
}

function withSorry(language: Language, reply: Reply): Reply {
  return { ...reply, say: [p.sorryLetsTry[language], ...reply.say] };
}

function chooseReply(language: Language, catalogue: LoadedCatalogue, choices: string[]): Reply {
  const options = choices.map((code, i) =>
    p.forPress[language].replace('{service}', catalogue.byCode.get(code)!.names[language]).replace('{key}', String(i + 1)),
  );
  return {
    say: [p.oneOfThese[language], ...options, p.somethingElse[language]],
    gather: { input: 'dtmf speech', numDigits: 1, hints: choices.map((c) => catalogue.byCode.get(c)!.names[language]) },
  };
}

function onChoose(ctx: Ctx, catalogue: LoadedCatalogue, input: Answer): Promise<Out> | Out {
  const choices = ctx.scratch.choices ?? [];
  const reply = chooseReply(ctx.language, catalogue, choices);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  if (input.kind === 'digits') {
    if (input.digits === '9') return { kind: 'reply', phase: 'department', scratch: { classifyPath: 'keypad' }, reply: departmentReply(ctx.language, catalogue) };
    const picked = catalogue.byCode.get(choices[Number(input.digits) - 1] ?? '');
    return picked ? chosen(ctx, picked, 'confirmation') : { kind: 'retry', reason: 'noMatch', reply };
  }
  const spoken = normaliseSpeech(input.text);
  const named = choices.map((c) => catalogue.byCode.get(c)!).find((s) => spoken.includes(normaliseSpeech(s.names[ctx.language])));
  if (named) return chosen(ctx, named, 'confirmation');
  const again = catalogue.classifier.classify(input.text, ctx.language).matches[0];
  if (again && choices.includes(again.code)) return chosen(ctx, catalogue.byCode.get(again.code)!, 'confirmation');
  return { kind: 'retry', reason: 'noMatch', reply };
}

function departmentReply(language: Language, catalogue: LoadedCatalogue): Reply {
  const withServices = catalogue.departments.filter(
    (d) => d.keypad !== null && catalogue.services.some((s) => s.departmentCode === d.code && s.keypad !== null),
  );
  return {
    say: withServices.map((d) => p.forPress[language].replace('{service}', d.names[language]).replace('{key}', String(d.keypad))),
    gather: { input: 'dtmf speech', numDigits: 1, hints: withServices.map((d) => d.names[language]) },
  };
}

function servicesOf(catalogue: LoadedCatalogue, department: string) {
  return catalogue.services.filter((s) => s.departmentCode === department && s.keypad !== null);
}

function serviceReply(language: Language, catalogue: LoadedCatalogue, department: string): Reply {
  const services = servicesOf(catalogue, department);
  return {
    say: [
      ...services.map((s) => p.forPress[language].replace('{service}', s.names[language]).replace('{key}', String(s.keypad))),
      p.starForDepartments[language],
    ],
    gather: { input: 'dtmf speech', numDigits: 1, hints: services.map((s) => s.names[language]) },
  };
}

function onDepartment(ctx: Ctx, catalogue: LoadedCatalogue, input: Answer): Out {
  const reply = departmentReply(ctx.language, catalogue);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  if (input.kind === 'speech') return understand(ctx, catalogue, input.text, 'confirmation');
  const department = catalogue.departments.find((d) => String(d.keypad) === input.digits);
  if (!department || !servicesOf(catalogue, department.code).length) return { kind: 'retry', reason: 'noMatch', reply };
  return {
    kind: 'reply',
    phase: 'service',
    scratch: { department: department.code, classifyPath: 'keypad' },
    reply: serviceReply(ctx.language, catalogue, department.code),
  };
}

function onService(ctx: Ctx, catalogue: LoadedCatalogue, input: Answer): Promise<Out> | Out {
  const department = ctx.scratch.department ?? '';
  const reply = serviceReply(ctx.language, catalogue, department);
  if (input.kind === 'silence') return { kind: 'retry', reason: 'noInput', reply };
  if (input.kind === 'speech') return understand(ctx, catalogue, input.text, 'confirmation');
  if (input.digits === '*') return { kind: 'reply', phase: 'department', reply: departmentReply(ctx.language, catalogue) };
  const service = servicesOf(catalogue, department).find((s) => String(s.keypad) === input.digits);
  return service ? chosen(ctx, service, 'keypad') : { kind: 'retry', reason: 'noMatch', reply };
}

/** The issue type is settled: police matters go live, everything else is taken as a report. */
async function chosen(ctx: Ctx, service: CatalogueEntry, path: ClassifiedBy): Promise<Out> {
  await recordEvent(ctx.tx, ctx.call.sid, 'issue-classified', { serviceCode: service.code, path, attempts: ctx.attempts });
  const pending = (ctx.frame.pending ?? []).filter((slot) => slot !== 'serviceCode');
  const frame = { serviceCode: service.code, classifiedBy: path, issueCandidates: undefined, pending: pending.length ? pending : undefined };
  if (service.handling === 'police') return { kind: 'exit', exit: 'police', frame };
  return { kind: 'exit', exit: 'report', frame, say: [p.gotIt[ctx.language].replace('{service}', service.names[ctx.language])] };
}
