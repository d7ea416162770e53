import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TObject } from '@sinclair/typebox';
import { validateFlow, type FlowProblem } from '../flow/validate.js';
import type { StepType } from '../flow/schema.js';
import { STEP_SCHEMAS, isStepType } from './step-fields.js';

/** A validation problem placed where the editor shows it: on a step's field, or on the flow. */
export interface PlacedProblem {
  stepId?: string;
  /** Dotted field path inside the step (or the flow when stepId is absent): "options.1.next". */
  field: string;
  message: string;
}

const checkers = new Map<StepType, TypeCheck<TObject>>();
function checkerOf(type: StepType) {
  let checker = checkers.get(type);
  if (!checker) {
    checker = TypeCompiler.Compile(STEP_SCHEMAS.get(type)!);
    checkers.set(type, checker);
  }
  return checker;
}

/** "/steps/3/options/0/next" and "options[0].next" both become "options.0.next". */
export function fieldPath(path: string): string {
  return path
    .replace(/^\/steps\/\d+\/?/, '')
    .replace(/^\//, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.');
}

function friendly(raw: string, field: string): string {
  // validateFlow may name the field itself ("prompt.en: expected …"); the editor shows it beside the field.
  const message = raw.startsWith(`${field}: `) ? raw.slice(field.length + 2) : raw;
  if (/^expected string length greater or equal to 1/i.test(message)) return 'must not be empty';
  if (message.includes("'^[a-z][a-z0-9-]{0,47}$'")) {
    return /(^|\.)(next|on\.\w+|initial|\w+Step)$/.test(field) ? 'choose a step' : 'lower-case letters, digits and dashes, starting with a letter';
  }
  if (message.includes("'^[0-9*#]$'")) return 'one key: 0-9, * or #';
  if (message.includes("'^[a-z][a-z0-9-]{0,63}$'")) return 'a queue name: lower-case letters, digits and dashes';
  if (message.includes("'^\\+?[0-9]{3,15}$'")) return 'a phone number: digits, optionally starting with +';
  if (/^expected required property/i.test(message)) return 'is missing';
  const min = /^expected array length greater or equal to (\d+)/i.exec(message);
  if (min) return `needs at least ${min[1]}`;
  const max = /^expected array length less or equal to (\d+)/i.exec(message);
  if (max) return `at most ${max[1]} allowed`;
  return message;
}

/**
 * validateFlow's problems, made useful beside a field: a step that fails the schema only yields
 * "Expected union value" at the flow level, so it is checked again against its own type's schema.
 */
export function placeProblems(document: unknown, problems: readonly FlowProblem[]): PlacedProblem[] {
  const steps = (document as { steps?: unknown[] } | null)?.steps;
  const out: PlacedProblem[] = [];
  for (const problem of problems) {
    const stepMatch = /^\/steps\/(\d+)$/.exec(problem.path);
    const step = stepMatch && Array.isArray(steps) ? (steps[Number(stepMatch[1])] as { id?: unknown; type?: unknown } | undefined) : undefined;
    if (stepMatch && step && problem.message === 'Expected union value') {
      const stepId = typeof step.id === 'string' ? step.id : `step ${Number(stepMatch[1]) + 1}`;
      if (!isStepType(step.type)) {
        out.push({ stepId, field: 'type', message: `unknown step type "${String(step.type)}"` });
        continue;
      }
      const seen = new Set<string>();
      for (const error of checkerOf(step.type).Errors(step)) {
        const field = fieldPath(error.path);
        const message = friendly(error.message, field);
        if (seen.has(`${field}|${message}`)) continue;
        seen.add(`${field}|${message}`);
        out.push({ stepId, field, message });
        if (seen.size >= 20) break;
      }
      continue;
    }
    const field = fieldPath(problem.path);
    out.push({ ...(problem.stepId ? { stepId: problem.stepId } : {}), field, message: friendly(problem.message, field) });
  }
  return out;
}

/** Problems block publishing; warnings (a question with no keypad answer) are shown but do not. */
export function checkDocument(document: unknown): { ok: boolean; problems: PlacedProblem[]; warnings: PlacedProblem[] } {
  const result = validateFlow(document);
  const warnings = placeProblems(document, result.warnings);
  return result.ok ? { ok: true, problems: [], warnings } : { ok: false, problems: placeProblems(document, result.problems), warnings };
}
