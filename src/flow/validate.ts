import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Flow, LANGUAGES, STEP_SCHEMAS, kindOf, stepTypesWith, type FieldKind, type Step } from './schema.js';

export interface FlowProblem {
  /** The step the problem belongs to, so an editor can show it beside that step. */
  stepId?: string;
  path: string;
  message: string;
  /** The kind the failing field's schema is annotated with (a step id, a key…), for friendlier words. */
  kind?: FieldKind;
}

/**
 * Problems block publishing; warnings do not (the console lists them beside the step): a flow
 * that works but leaves some callers out, such as a question with no keypad answer.
 */
export type FlowValidation =
  | { ok: true; flow: Flow; warnings: FlowProblem[] }
  | { ok: false; problems: FlowProblem[]; warnings: FlowProblem[] };

const checker = TypeCompiler.Compile(Flow);
// A union's own errors only say "expected union value": each step is checked against the schema
// of its own type instead, so the message names the missing or wrong field.
const stepCheckers = new Map([...STEP_SCHEMAS].map(([type, schema]) => [type as string, TypeCompiler.Compile(schema)]));
const TERMINAL = stepTypesWith('ends');
/** Steps that answer without asking the caller anything: a cycle of them would never end. */
const PASS_THROUGH = stepTypesWith('passes');
/** Names that are valid ids by the pattern but mean something to JavaScript objects. */
const RESERVED = new Set(['constructor', 'prototype', 'hasownproperty', 'tostring', 'valueof', 'proto']);

/** Every step id a step can lead to, with the path of the field that names it. */
export function targetsOf(step: Step): { path: string; target: string }[] {
  const out: { path: string; target: string }[] = [];
  if ('next' in step) out.push({ path: 'next', target: step.next });
  if ('on' in step) for (const [event, target] of Object.entries(step.on)) out.push({ path: `on.${event}`, target });
  if (step.type === 'menu') step.options.forEach((o, i) => out.push({ path: `options[${i}].next`, target: o.next }));
  return out;
}

export function isQuestion(step: Step): boolean {
  return 'retries' in step;
}

/** What a deployment allows beyond the format itself (from its configuration). */
export interface FlowRules {
  /** The numbers a transfer step may dial; undefined checks nothing (a flow read on its own). */
  transferNumbers?: readonly string[];
}

/** Checks a flow document against the JSON Schema, then as a graph, then against the deployment's rules. */
export function validateFlow(document: unknown, rules: FlowRules = {}): FlowValidation {
  if (!checker.Check(document)) return { ok: false, problems: schemaProblems(document).slice(0, 30), warnings: [] };
  const flow = document as Flow;
  const problems = [...checkGraph(flow), ...transferProblems(flow, rules)];
  const warnings = keypadWarnings(flow);
  return problems.length ? { ok: false, problems, warnings } : { ok: true, flow, warnings };
}

const digitsOf = (number: string) => number.replace(/^\+/, '');

/** A transfer to a number the deployment has not listed could send callers anywhere (toll fraud). */
function transferProblems(flow: Flow, rules: FlowRules): FlowProblem[] {
  const listed = rules.transferNumbers;
  if (!listed) return [];
  const allowed = new Set(listed.map(digitsOf));
  return Object.values(flow.steps)
    .filter((step) => step.type === 'transfer' && !allowed.has(digitsOf(step.number)))
    .map((step) => ({
      stepId: step.id,
      path: 'number',
      kind: 'phone' as const,
      message: `${(step as { number: string }).number} is not an allowed transfer number; ask for it to be added to TRANSFER_ALLOWED_NUMBERS${allowed.size ? ` (allowed: ${listed.join(', ')})` : ' (none are allowed now)'}`,
    }));
}

/** How each key is said in a prompt: the digit itself, or the name of the key. */
const KEY_WORDS: Record<string, RegExp> = {
  '*': /\b(star|asterisk|asterisco)\b/i,
  '#': /\b(pound|hash|numeral|tecla de número)\b/i,
};
/** A prompt that speaks of keys at all: "press", "key in", "keypad", "oprima", "marque", "teclado". */
const SAYS_KEYS = /\b(press|key|keypad|oprima|marque|teclado)\b/i;
const saysKey = (prompt: string, key: string) => KEY_WORDS[key]?.test(prompt) ?? new RegExp(`(^|[^0-9])${key}([^0-9]|$)`).test(prompt);

/**
 * Questions a caller who cannot or will not speak cannot answer (issue 23, keys only): a free
 * answer that cannot be skipped with pound, and choices whose key the prompt never says.
 */
export function keypadWarnings(flow: Flow): FlowProblem[] {
  const warnings: FlowProblem[] = [];
  for (const step of flow.steps) {
    if (step.type === 'ask' && !step.optional) {
      warnings.push({
        stepId: step.id,
        path: 'optional',
        message: 'has no keypad answer: a caller who cannot speak is stuck here. Make it optional, so pound skips it',
      });
    }
    if (step.type === 'menu' || step.type === 'open-question') {
      step.options.forEach((option, i) => {
        for (const language of LANGUAGES) {
          if (saysKey(step.prompt[language], option.key)) continue;
          warnings.push({
            stepId: step.id,
            path: `options[${i}].key`,
            message: `the ${language === 'en' ? 'English' : 'Spanish'} prompt never says key ${option.key}, so a caller on the keypad cannot find "${option.label ?? ('next' in option ? option.next : option.intent)}"`,
          });
        }
      });
    }
    // These questions take keys, but only their prompt can tell a caller so.
    if (step.type === 'classify-issue' || step.type === 'collect-location' || step.type === 'status-lookup') {
      for (const language of LANGUAGES) {
        if (SAYS_KEYS.test(step.prompt[language])) continue;
        warnings.push({
          stepId: step.id,
          path: `prompt.${language}`,
          message: `the ${language === 'en' ? 'English' : 'Spanish'} prompt never tells a caller on the keypad which keys to press`,
        });
      }
    }
    if (step.type === 'open-question') {
      // "Para español, oprima 9" is said in the English prompt: the caller who needs it hears that one.
      step.languages.forEach((choice, i) => {
        const others = LANGUAGES.filter((l) => l !== choice.language);
        if (others.some((l) => saysKey(step.prompt[l], choice.key))) return;
        warnings.push({
          stepId: step.id,
          path: `languages[${i}].key`,
          message: `no prompt says key ${choice.key}, so a caller on the keypad cannot switch to ${choice.language === 'es' ? 'Spanish' : 'English'}`,
        });
      });
    }
  }
  return warnings;
}

function schemaProblems(document: unknown): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const steps = (document as { steps?: unknown })?.steps;
  for (const error of checker.Errors(document)) {
    if (Array.isArray(steps) && /^\/steps\/\d+/.test(error.path)) continue;
    problems.push({ path: error.path || '/', message: describe(error.path, error.message), ...kindIn(error.schema) });
  }
  if (!Array.isArray(steps)) return problems;
  steps.forEach((step: unknown, index) => {
    const raw = step as { id?: unknown; type?: unknown };
    const stepId = typeof raw?.id === 'string' ? raw.id : undefined;
    const where = { ...(stepId ? { stepId } : {}) };
    const stepChecker = typeof raw?.type === 'string' ? stepCheckers.get(raw.type) : undefined;
    if (!stepChecker) {
      problems.push({ ...where, path: `/steps/${index}/type`, message: `"${String(raw?.type)}" is not a step type (one of ${[...stepCheckers.keys()].join(', ')})` });
      return;
    }
    for (const error of stepChecker.Errors(step)) {
      problems.push({ ...where, path: `/steps/${index}${error.path}`, message: describe(error.path, error.message), ...kindIn(error.schema) });
    }
  });
  return problems;
}

function kindIn(schema: Parameters<typeof kindOf>[0]): { kind?: FieldKind } {
  const kind = kindOf(schema);
  return kind ? { kind } : {};
}

/** "/on/noInput: Expected required property" → "on.noInput: expected required property". */
function describe(path: string, message: string): string {
  const field = path.replace(/^\//, '').replace(/\//g, '.');
  return field ? `${field}: ${message.charAt(0).toLowerCase()}${message.slice(1)}` : message;
}

/** What every graph check is given: the flow and its steps by id. */
interface Graph {
  flow: Flow;
  byId: Map<string, Step>;
}
type GraphCheck = (graph: Graph) => FlowProblem[];

/**
 * The graph checks, in order. The first two must pass before the rest run: those follow targets
 * and would trip over one that names no step.
 */
function checkGraph(flow: Flow): FlowProblem[] {
  const byId = new Map(flow.steps.map((step) => [step.id, step]));
  const graph: Graph = { flow, byId };
  const problems = [...uniqueIds(graph), ...targetsExist(graph)];
  if (problems.length) return problems;
  for (const check of [globalExitsReachPeople, retryLimitsReachPeople, keysAreDistinct, openQuestionIsConfirmed, everyStepReachable, everyPathEnds, noSilentLoops]) {
    problems.push(...check(graph));
  }
  return problems;
}

/** Step ids are unique and none is a name JavaScript objects give meaning to. */
const uniqueIds: GraphCheck = ({ flow }) => {
  const problems: FlowProblem[] = [];
  const seen = new Set<string>();
  flow.steps.forEach((step, i) => {
    if (RESERVED.has(step.id.replace(/-/g, ''))) {
      problems.push({ stepId: step.id, path: `/steps/${i}/id`, message: `"${step.id}" is a reserved name` });
    }
    if (seen.has(step.id)) {
      problems.push({ stepId: step.id, path: `/steps/${i}/id`, message: `step id "${step.id}" is used twice` });
    }
    seen.add(step.id);
  });
  return problems;
};

/** Every target — the initial step, the settings' steps, each step's exits — names a step. */
const targetsExist: GraphCheck = ({ flow, byId }) => {
  const problems: FlowProblem[] = [];
  const exists = (target: string, stepId: string | undefined, path: string) => {
    if (!byId.has(target)) problems.push({ ...(stepId ? { stepId } : {}), path, message: `goes to "${target}", which is not a step` });
  };
  exists(flow.initial, undefined, '/initial');
  for (const [name, target] of Object.entries(flow.settings)) {
    if (name.endsWith('Step')) exists(target, undefined, `/settings/${name}`);
  }
  for (const step of flow.steps) {
    for (const { path, target } of targetsOf(step)) exists(target, step.id, path);
  }
  return problems;
};

/** The operator step is a live queue, and the error step leads to one. */
const globalExitsReachPeople: GraphCheck = ({ flow, byId }) => {
  const problems: FlowProblem[] = [];
  if (byId.get(flow.settings.operatorStep)!.type !== 'enqueue') {
    problems.push({ path: '/settings/operatorStep', message: 'the operator step must put the caller in a live queue' });
  }
  if (!leadsToQueue(byId.get(flow.settings.errorStep)!, byId)) {
    problems.push({ path: '/settings/errorStep', message: 'the error step must lead to a live queue' });
  }
  return problems;
};

/** After the retry limit a caller reaches a person, never a hang-up. */
const retryLimitsReachPeople: GraphCheck = ({ flow, byId }) => {
  const problems: FlowProblem[] = [];
  for (const step of flow.steps) {
    if (!isQuestion(step) || !('on' in step)) continue;
    const limit = byId.get((step.on as Record<string, string>).retryLimit!);
    if (limit && !leadsToQueue(limit, byId)) {
      problems.push({
        stepId: step.id,
        path: 'on.retryLimit',
        message: 'after the retry limit the caller must reach a live operator (an enqueue step)',
      });
    }
  }
  return problems;
};

/** A key chooses one thing on a menu or an open question, and never the operator key. */
const keysAreDistinct: GraphCheck = ({ flow }) => {
  const problems: FlowProblem[] = [];
  for (const step of flow.steps) {
    if (step.type !== 'menu' && step.type !== 'open-question') continue;
    const keys = new Set<string>();
    const choices: { key: string }[] = step.type === 'menu' ? step.options : [...step.options, ...step.languages];
    choices.forEach((option, i) => {
      if (keys.has(option.key)) {
        problems.push({ stepId: step.id, path: `options[${i}].key`, message: `key ${option.key} is used twice` });
      }
      if (option.key === flow.settings.operatorKey) {
        problems.push({
          stepId: step.id,
          path: `options[${i}].key`,
          message: `key ${option.key} is the operator key on every menu`,
        });
      }
      keys.add(option.key);
    });
  }
  return problems;
};

/** What an open question hears is filed only after the caller confirms it (confirm-report). */
const openQuestionIsConfirmed: GraphCheck = ({ flow }) => {
  const opens = flow.steps.filter((s) => s.type === 'open-question');
  if (!opens.length || !flow.steps.some((s) => s.type === 'submit-report') || flow.steps.some((s) => s.type === 'confirm-report')) return [];
  return opens.map((step) => ({
    stepId: step.id,
    path: 'type',
    message: 'what the open question hears must be confirmed by a confirm-report step before the report is filed',
  }));
};

/** Every step is reachable from the initial step, with the global exits reachable from any question. */
const everyStepReachable: GraphCheck = ({ flow, byId }) => {
  const reachable = new Set<string>();
  const queue = [flow.initial];
  if (flow.steps.some(isQuestion)) queue.push(flow.settings.operatorStep, flow.settings.emergencyStep);
  queue.push(flow.settings.errorStep);
  while (queue.length) {
    const id = queue.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const { target } of targetsOf(byId.get(id)!)) queue.push(target);
  }
  return flow.steps
    .filter((step) => !reachable.has(step.id))
    .map((step) => ({ stepId: step.id, path: 'id', message: `step "${step.id}" can never be reached` }));
};

/** Every path ends: each step can reach a queue, a transfer or a goodbye. */
const everyPathEnds: GraphCheck = ({ flow }) => {
  const ends = new Set(flow.steps.filter((s) => TERMINAL.has(s.type)).map((s) => s.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of flow.steps) {
      if (ends.has(step.id)) continue;
      if (targetsOf(step).some(({ target }) => ends.has(target))) {
        ends.add(step.id);
        grew = true;
      }
    }
  }
  return flow.steps
    .filter((step) => !ends.has(step.id))
    .map((step) => ({ stepId: step.id, path: 'id', message: `no path from "${step.id}" ends in a report, a queue, a transfer or a goodbye` }));
};

/** A loop of steps that never wait for the caller would spin forever. */
const noSilentLoops: GraphCheck = ({ flow, byId }) => {
  const problems: FlowProblem[] = [];
  for (const step of flow.steps) {
    if (!PASS_THROUGH.has(step.type)) continue;
    const seen = new Set<string>();
    const stack = [step.id];
    while (stack.length) {
      const id = stack.pop()!;
      const current = byId.get(id)!;
      for (const { target } of targetsOf(current)) {
        if (target === step.id) {
          problems.push({ stepId: step.id, path: 'next', message: 'loops back to itself without asking the caller anything' });
          stack.length = 0;
          break;
        }
        const next = byId.get(target)!;
        if (PASS_THROUGH.has(next.type) && !seen.has(target)) {
          seen.add(target);
          stack.push(target);
        }
      }
    }
  }
  return problems;
};

function leadsToQueue(step: Step, byId: Map<string, Step>, depth = 0): boolean {
  if (step.type === 'enqueue') return true;
  if (step.type === 'say' && depth < 5) return leadsToQueue(byId.get(step.next)!, byId, depth + 1);
  return false;
}
