import { validateFlow, type FlowProblem, type FlowRules } from '../flow/validate.js';

/** A validation problem placed where the editor shows it: on a step's field, or on the flow. */
export interface PlacedProblem {
  stepId?: string;
  /** Dotted field path inside the step (or the flow when stepId is absent): "options.1.next". */
  field: string;
  message: string;
}

/** "/steps/3/options/0/next" and "options[0].next" both become "options.0.next". */
export function fieldPath(path: string): string {
  return path
    .replace(/^\/steps\/\d+\/?/, '')
    .replace(/^\//, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.');
}

/** What a field that does not match its pattern should hold, by the kind its schema is annotated with. */
function patternHint(problem: FlowProblem, field: string): string | undefined {
  switch (problem.kind) {
    case 'step-id':
      return /(^|\.)(next|on\.\w+|initial|\w+Step)$/.test(field) ? 'choose a step' : 'lower-case letters, digits and dashes, starting with a letter';
    case 'key':
      return 'one key: 0-9, * or #';
    case 'queue':
      return 'a queue name: lower-case letters, digits and dashes';
    case 'phone':
      return 'a phone number: digits, optionally starting with +';
    default:
      return undefined;
  }
}

function friendly(problem: FlowProblem, field: string): string {
  // validateFlow may name the field itself ("prompt.en: expected …"); the editor shows it beside the field.
  const message = problem.message.startsWith(`${field}: `) ? problem.message.slice(field.length + 2) : problem.message;
  if (/^expected string length greater or equal to 1/i.test(message)) return 'must not be empty';
  if (/^expected string to match /i.test(message)) return patternHint(problem, field) ?? message;
  if (/^expected required property/i.test(message)) return 'is missing';
  const min = /^expected array length greater or equal to (\d+)/i.exec(message);
  if (min) return `needs at least ${min[1]}`;
  const max = /^expected array length less or equal to (\d+)/i.exec(message);
  if (max) return `at most ${max[1]} allowed`;
  return message;
}

/** validateFlow's problems (each step is already checked against its own type's schema), placed beside a field. */
export function placeProblems(problems: readonly FlowProblem[]): PlacedProblem[] {
  return problems.map((problem) => {
    const field = fieldPath(problem.path);
    return { ...(problem.stepId ? { stepId: problem.stepId } : {}), field, message: friendly(problem, field) };
  });
}

/** Problems block publishing; warnings (a question with no keypad answer) are shown but do not. */
export function checkDocument(document: unknown, rules: FlowRules = {}): { ok: boolean; problems: PlacedProblem[]; warnings: PlacedProblem[] } {
  const result = validateFlow(document, rules);
  const warnings = placeProblems(result.warnings);
  return result.ok ? { ok: true, problems: [], warnings } : { ok: false, problems: placeProblems(result.problems), warnings };
}
