import { KindGuard, type TObject, type TSchema } from '@sinclair/typebox';
import { Flow, STEP_SCHEMAS, kindOf, type StepType } from '../flow/schema.js';

/**
 * The editable fields of each step type, read from the flow schema (src/flow/schema.ts) rather
 * than written out per type, so the console edits any step type the engine gains without change.
 */
export type Field =
  | { kind: 'prompt'; name: string }
  | { kind: 'words'; name: string; perLanguage: boolean }
  | { kind: 'target'; name: string }
  | { kind: 'exits'; name: string; events: string[] }
  | { kind: 'integer'; name: string; min?: number; max?: number }
  | { kind: 'choice'; name: string; values: string[] }
  | { kind: 'key'; name: string }
  | { kind: 'boolean'; name: string }
  | { kind: 'text'; name: string; optional: boolean; maxLength?: number; pattern?: string; multiline: boolean }
  | { kind: 'list'; name: string; item: Field[]; min: number; max: number };

// A field's kind is read from the `x-kind` its schema is annotated with (src/flow/schema.ts), then
// from its JSON type.
function fieldOf(name: string, schema: TSchema, optional: boolean): Field | undefined {
  const kind = kindOf(schema);
  if (kind === 'prompt') return { kind: 'prompt', name };
  if (kind === 'words') return { kind: 'words', name, perLanguage: true };
  if (kind === 'step-id') return { kind: 'target', name };
  if (kind === 'key') return { kind: 'key', name };
  if (KindGuard.IsArray(schema) && KindGuard.IsString(schema.items)) return { kind: 'words', name, perLanguage: false };
  if (KindGuard.IsArray(schema) && KindGuard.IsObject(schema.items)) {
    return { kind: 'list', name, item: fieldsOf(schema.items), min: schema.minItems ?? 0, max: schema.maxItems ?? 50 };
  }
  if (KindGuard.IsObject(schema)) {
    const props = Object.values(schema.properties);
    if (props.every((p) => kindOf(p) === 'step-id')) {
      return { kind: 'exits', name, events: Object.keys(schema.properties) };
    }
    return undefined;
  }
  if (KindGuard.IsInteger(schema)) {
    return { kind: 'integer', name, ...(schema.minimum !== undefined ? { min: schema.minimum } : {}), ...(schema.maximum !== undefined ? { max: schema.maximum } : {}) };
  }
  if (KindGuard.IsUnion(schema) && schema.anyOf.every(KindGuard.IsLiteral)) {
    return { kind: 'choice', name, values: schema.anyOf.map((l) => String((l as { const: unknown }).const)) };
  }
  if (KindGuard.IsBoolean(schema)) return { kind: 'boolean', name };
  if (KindGuard.IsString(schema)) {
    return {
      kind: 'text',
      name,
      optional,
      multiline: (schema.maxLength ?? 0) > 300,
      ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
      ...(schema.pattern !== undefined ? { pattern: schema.pattern } : {}),
    };
  }
  return undefined;
}

function fieldsOf(schema: TObject, skip: readonly string[] = []): Field[] {
  const required = new Set(schema.required ?? []);
  const out: Field[] = [];
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (skip.includes(name)) continue;
    const field = fieldOf(name, prop, !required.has(name));
    if (field) out.push(field);
  }
  return out;
}

const cache = new Map<StepType, Field[]>();
/** The fields of a step type, in schema order, without its id and type. */
export function stepFields(type: StepType): Field[] {
  let fields = cache.get(type);
  if (!fields) {
    fields = fieldsOf(STEP_SCHEMAS.get(type)!, ['id', 'type']);
    cache.set(type, fields);
  }
  return fields;
}

/** The flow-wide settings: where the operator, emergency and error exits go, and the operator key. */
export const settingsFields: Field[] = fieldsOf(Flow.properties.settings as TObject);

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', '0'];

export interface SkeletonContext {
  stepId: string;
  operatorStep: string;
  operatorKey: string;
  /** Keys already taken in the list a new item joins. */
  takenKeys?: string[];
}

/**
 * A new, mostly empty value for a field: exits that re-ask point back at the step, the retry
 * limit at the operator; texts are left empty so the validator asks the supervisor to fill them.
 */
export function skeletonOf(field: Field, ctx: SkeletonContext): unknown {
  switch (field.kind) {
    case 'prompt':
      return { en: '', es: '' };
    case 'words':
      return field.perLanguage ? { en: [], es: [] } : [];
    case 'target':
      return '';
    case 'exits':
      return Object.fromEntries(
        field.events.map((e) => [e, e === 'noInput' || e === 'noMatch' ? ctx.stepId : e === 'retryLimit' ? ctx.operatorStep : '']),
      );
    case 'integer':
      return field.min !== undefined && field.min > 1 ? field.min : Math.min(2, field.max ?? 2);
    case 'choice':
      return field.values[0];
    case 'key':
      return KEYS.find((k) => k !== ctx.operatorKey && !ctx.takenKeys?.includes(k)) ?? '1';
    case 'text':
      return field.name === 'queue' ? 'operator' : '';
    case 'boolean':
      // A new free question can be skipped with pound: the keypad answer (issue 23).
      return true;
    case 'list':
      return field.min > 0 ? [itemSkeleton(field, ctx)] : [];
  }
}

export function itemSkeleton(list: Extract<Field, { kind: 'list' }>, ctx: SkeletonContext): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const f of list.item) {
    if (f.kind === 'text' && f.optional) continue;
    item[f.name] = skeletonOf(f, ctx);
  }
  return item;
}

export function stepSkeleton(type: StepType, id: string, ctx: Omit<SkeletonContext, 'stepId'>): Record<string, unknown> {
  const step: Record<string, unknown> = { id, type };
  for (const f of stepFields(type)) {
    if (f.kind === 'text' && f.optional) continue;
    step[f.name] = skeletonOf(f, { ...ctx, stepId: id });
  }
  return step;
}
