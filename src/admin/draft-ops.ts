import { AdminErrors } from './errors.js';
import { isStepType } from '../flow/schema.js';
import { itemSkeleton, stepFields, stepSkeleton, type Field } from './step-fields.js';

/** Structural edits the editor's buttons make; plain field edits arrive in the document itself. */
export type DraftOp =
  | { op: 'add-step'; type: string; id: string; after?: string }
  | { op: 'remove-step'; stepId: string }
  | { op: 'add-item'; stepId: string; field: string }
  | { op: 'remove-item'; stepId: string; field: string; index: number }
  | { op: 'move-item'; stepId: string; field: string; index: number; by: -1 | 1 };

type Loose = Record<string, unknown>;
type Doc = Loose & { steps: Loose[] };

const STEP_ID = /^[a-z][a-z0-9-]{0,47}$/;

function findStep(doc: Doc, stepId: unknown): { step: Loose; index: number } {
  const index = doc.steps.findIndex((s) => s.id === stepId);
  if (index < 0) throw new AdminErrors.badRequest(`there is no step ${String(stepId)}`);
  return { step: doc.steps[index]!, index };
}

function listField(step: Loose, name: unknown): Extract<Field, { kind: 'list' }> {
  const field = isStepType(step.type) ? stepFields(step.type).find((f) => f.name === name) : undefined;
  if (!field || field.kind !== 'list') throw new AdminErrors.badRequest(`step ${String(step.id)} has no list ${String(name)}`);
  return field;
}

function settingsOf(doc: Doc) {
  const s = (doc.settings ?? {}) as { operatorStep?: unknown; operatorKey?: unknown };
  return { operatorStep: typeof s.operatorStep === 'string' ? s.operatorStep : 'operator', operatorKey: typeof s.operatorKey === 'string' ? s.operatorKey : '0' };
}

/** Applies one structural edit to a (shape-checked) draft document, in place. Returns the step to show next. */
export function applyOp(doc: Doc, value: unknown): string | undefined {
  const op = (value ?? {}) as DraftOp;
  switch (op.op) {
    case 'add-step': {
      if (typeof op.id !== 'string' || !STEP_ID.test(op.id)) throw new AdminErrors.badRequest('a step id is lower-case letters, digits and dashes, starting with a letter');
      if (doc.steps.some((s) => s.id === op.id)) throw new AdminErrors.badRequest(`there is already a step ${op.id}`);
      if (!isStepType(op.type)) throw new AdminErrors.badRequest(`unknown kind of step ${String(op.type)}`);
      const step = stepSkeleton(op.type, op.id, settingsOf(doc));
      const at = op.after ? doc.steps.findIndex((s) => s.id === op.after) : -1;
      doc.steps.splice(at >= 0 ? at + 1 : doc.steps.length, 0, step);
      return op.id;
    }
    case 'remove-step': {
      const { index } = findStep(doc, op.stepId);
      doc.steps.splice(index, 1);
      return undefined;
    }
    case 'add-item': {
      const { step } = findStep(doc, op.stepId);
      const field = listField(step, op.field);
      const items = Array.isArray(step[field.name]) ? (step[field.name] as Loose[]) : [];
      if (items.length >= field.max) throw new AdminErrors.badRequest(`at most ${field.max} ${field.name}`);
      const takenKeys = items.map((i) => i.key).filter((k): k is string => typeof k === 'string');
      items.push(itemSkeleton(field, { ...settingsOf(doc), stepId: String(step.id), takenKeys }));
      step[field.name] = items;
      return String(step.id);
    }
    case 'remove-item':
    case 'move-item': {
      const { step } = findStep(doc, op.stepId);
      const field = listField(step, op.field);
      const items = Array.isArray(step[field.name]) ? (step[field.name] as Loose[]) : [];
      if (!Number.isInteger(op.index) || op.index < 0 || op.index >= items.length) throw new AdminErrors.badRequest('no such item');
      if (op.op === 'remove-item') {
        items.splice(op.index, 1);
      } else {
        const to = op.index + (op.by === -1 ? -1 : 1);
        if (to < 0 || to >= items.length) throw new AdminErrors.badRequest('cannot move it further');
        [items[op.index], items[to]] = [items[to]!, items[op.index]!];
      }
      step[field.name] = items;
      return String(step.id);
    }
    default:
      throw new AdminErrors.badRequest('unknown edit');
  }
}
