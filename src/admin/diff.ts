/**
 * A readable difference between two flow documents, per step: prompts changed from/to, options
 * added or removed, exits re-routed. Works on drafts that do not validate yet, so it reads the
 * documents loosely.
 */
export type Change =
  | { kind: 'step-added'; stepId: string; type: string }
  | { kind: 'step-removed'; stepId: string; type: string }
  | { kind: 'changed'; stepId?: string; field: string; from: unknown; to: unknown }
  | { kind: 'option-added'; stepId: string; key: string; option: unknown }
  | { kind: 'option-removed'; stepId: string; key: string; option: unknown }
  | { kind: 'options-reordered'; stepId: string; from: string[]; to: string[] };

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => !!v && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function stepsOf(doc: unknown): Map<string, Loose> {
  const steps = isObject(doc) && Array.isArray(doc.steps) ? doc.steps : [];
  return new Map(steps.filter(isObject).map((s) => [String(s.id), s]));
}

/** Field-by-field changes of two values; objects are walked, lists and scalars compared whole. */
function walk(out: Change[], stepId: string | undefined, field: string, from: unknown, to: unknown) {
  if (same(from, to)) return;
  if (isObject(from) && isObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      walk(out, stepId, field ? `${field}.${key}` : key, from[key], to[key]);
    }
    return;
  }
  out.push({ kind: 'changed', ...(stepId ? { stepId } : {}), field, from, to });
}

function keyed(options: unknown): Map<string, Loose> | undefined {
  if (!Array.isArray(options) || !options.every((o) => isObject(o) && typeof o.key === 'string')) return undefined;
  const map = new Map(options.map((o: Loose) => [o.key as string, o]));
  return map.size === options.length ? map : undefined;
}

function diffOptions(out: Change[], stepId: string, from: unknown, to: unknown) {
  const a = keyed(from);
  const b = keyed(to);
  if (!a || !b) return walk(out, stepId, 'options', from, to);
  for (const [key, option] of a) if (!b.has(key)) out.push({ kind: 'option-removed', stepId, key, option });
  for (const [key, option] of b) {
    const before = a.get(key);
    if (!before) out.push({ kind: 'option-added', stepId, key, option });
    else walk(out, stepId, `options[${key}]`, before, option);
  }
  const order = (m: Map<string, Loose>, other: Map<string, Loose>) => [...m.keys()].filter((k) => other.has(k));
  if (!same(order(a, b), order(b, a))) out.push({ kind: 'options-reordered', stepId, from: [...a.keys()], to: [...b.keys()] });
}

export function diffFlows(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  const a = isObject(before) ? before : {};
  const b = isObject(after) ? after : {};
  for (const key of ['name', 'initial', 'settings']) walk(out, undefined, key, a[key], b[key]);
  const was = stepsOf(a);
  const now = stepsOf(b);
  for (const [id, step] of was) if (!now.has(id)) out.push({ kind: 'step-removed', stepId: id, type: String(step.type) });
  for (const [id, step] of now) {
    const old = was.get(id);
    if (!old) {
      out.push({ kind: 'step-added', stepId: id, type: String(step.type) });
      continue;
    }
    for (const key of new Set([...Object.keys(old), ...Object.keys(step)])) {
      if (key === 'id') continue;
      if (key === 'options') diffOptions(out, id, old.options, step.options);
      else walk(out, id, key, old[key], step[key]);
    }
  }
  return out;
}

function short(value: unknown): string {
  const text = value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** One line per change, for the audit log. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'step-added':
      return `added step ${change.stepId} (${change.type})`;
    case 'step-removed':
      return `removed step ${change.stepId} (${change.type})`;
    case 'option-added':
      return `${change.stepId}: added option ${change.key}`;
    case 'option-removed':
      return `${change.stepId}: removed option ${change.key}`;
    case 'options-reordered':
      return `${change.stepId}: options reordered ${change.from.join(',')} → ${change.to.join(',')}`;
    case 'changed':
      return `${change.stepId ? `${change.stepId}: ` : ''}${change.field} "${short(change.from)}" → "${short(change.to)}"`;
  }
}

export function summariseChanges(changes: Change[], max = 30): string[] {
  const lines = changes.slice(0, max).map(describeChange);
  if (changes.length > max) lines.push(`…and ${changes.length - max} more`);
  return lines;
}
