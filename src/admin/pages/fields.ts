import type { Field } from '../step-fields.js';
import type { PlacedProblem } from '../problems.js';
import { html, raw, type SafeHtml } from '../html.js';
import { LANGUAGE_NAMES, eventLabel, fieldLabel } from './labels.js';

export interface FieldContext {
  /** Every step of the document, for target pickers. */
  steps: { id: string; label?: string }[];
  /** Queue names the flow already uses, offered for enqueue steps. */
  queues: string[];
  problems: PlacedProblem[];
  /** Unique DOM id prefix of the card the fields are in. */
  idPrefix: string;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];
type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

/** Only [A-Za-z0-9_-]: attribute strings built from it are passed through raw() unescaped. */
function domId(ctx: FieldContext, path: string) {
  return `${ctx.idPrefix}-${path}`.replace(/[^a-zA-Z0-9_-]+/g, '-');
}

function problemsAt(ctx: FieldContext, path: string): PlacedProblem[] {
  return ctx.problems.filter((p) => p.field === path || p.field.startsWith(`${path}.`));
}

/** The error text under an input, tied to it with aria-describedby. */
function fieldError(ctx: FieldContext, path: string): { attrs: string; note: SafeHtml | '' } {
  const found = problemsAt(ctx, path);
  if (!found.length) return { attrs: '', note: '' };
  const id = `${domId(ctx, path)}-error`;
  return {
    attrs: `aria-invalid="true" aria-describedby="${id}"`,
    note: html`<p class="field-error" id="${id}">${found.map((p) => p.message).join('; ')}</p>`,
  };
}

function input(ctx: FieldContext, path: string, label: string, control: (id: string, invalid: string) => SafeHtml, hint?: string) {
  const id = domId(ctx, path);
  const err = fieldError(ctx, path);
  const hintId = hint ? `${id}-hint` : '';
  return html`<div class="field${err.attrs ? ' invalid' : ''}">
    <label for="${id}">${label}</label>
    ${hint ? html`<p class="hint" id="${hintId}">${hint}</p>` : ''}
    ${control(id, err.attrs)}
    ${err.note}
  </div>`;
}

function targetSelect(ctx: FieldContext, path: string, label: string, value: string) {
  const known = ctx.steps.some((s) => s.id === value);
  return input(ctx, path, label, (id, invalid) => html`<select id="${id}" data-path="${path}" data-kind="string" ${raw(invalid)}>
      <option value=""${value === '' ? ' selected' : ''}>— choose a step —</option>
      ${!known && value ? html`<option value="${value}" selected>${value} (no such step)</option>` : ''}
      ${ctx.steps.map((s) => html`<option value="${s.id}"${s.id === value ? ' selected' : ''}>${s.id}${s.label ? ` — ${s.label}` : ''}</option>`)}
    </select>`);
}

/** One editable field of a step (or of the flow's settings), named by its path inside the card's object. */
export function editField(field: Field, value: unknown, path: string, ctx: FieldContext): SafeHtml {
  switch (field.kind) {
    case 'prompt': {
      const v = obj(value);
      return html`<fieldset class="prompt"><legend>${fieldLabel(field.name)}</legend>
        ${(['en', 'es'] as const).map((lang) =>
          input(ctx, `${path}.${lang}`, LANGUAGE_NAMES[lang], (id, invalid) =>
            html`<textarea id="${id}" data-path="${path}.${lang}" data-kind="string" rows="3" lang="${lang}" ${raw(invalid)}>${str(v[lang])}</textarea>`),
        )}
      </fieldset>`;
    }
    case 'words': {
      if (!field.perLanguage) {
        return input(ctx, path, fieldLabel(field.name), (id, invalid) =>
          html`<textarea id="${id}" data-path="${path}" data-kind="lines" rows="2" ${raw(invalid)}>${list(value).join('\n')}</textarea>`, 'One word or phrase per line.');
      }
      const v = obj(value);
      return html`<div class="words">${(['en', 'es'] as const).map((lang) =>
        input(ctx, `${path}.${lang}`, `${fieldLabel(field.name)} (${LANGUAGE_NAMES[lang]})`, (id, invalid) =>
          html`<textarea id="${id}" data-path="${path}.${lang}" data-kind="lines" rows="3" lang="${lang}" ${raw(invalid)}>${list(v[lang]).join('\n')}</textarea>`, 'One word or phrase per line.'),
      )}</div>`;
    }
    case 'target':
      return targetSelect(ctx, path, fieldLabel(field.name), str(value));
    case 'exits': {
      const v = obj(value);
      return html`<fieldset class="exits"><legend>${fieldLabel(field.name)}</legend>
        ${field.events.map((event) => targetSelect(ctx, `${path}.${event}`, eventLabel(event), str(v[event])))}
      </fieldset>`;
    }
    case 'integer':
      return input(ctx, path, fieldLabel(field.name), (id, invalid) =>
        html`<input type="number" id="${id}" data-path="${path}" data-kind="int" inputmode="numeric" value="${str(value)}" ${field.min !== undefined ? raw(`min="${field.min}"`) : ''} ${field.max !== undefined ? raw(`max="${field.max}"`) : ''} ${raw(invalid)}>`);
    case 'choice':
      return input(ctx, path, fieldLabel(field.name), (id, invalid) => html`<select id="${id}" data-path="${path}" data-kind="string" ${raw(invalid)}>
        ${field.values.map((v) => html`<option value="${v}"${v === str(value) ? ' selected' : ''}>${v}</option>`)}
      </select>`);
    case 'boolean':
      return input(ctx, path, fieldLabel(field.name), (id, invalid) => html`<input type="checkbox" id="${id}" data-path="${path}" data-kind="bool"${value === true ? ' checked' : ''} ${raw(invalid)}>`);
    case 'key':
      return input(ctx, path, fieldLabel(field.name), (id, invalid) => html`<select id="${id}" data-path="${path}" data-kind="string" class="key" ${raw(invalid)}>
        ${KEYS.includes(str(value)) ? '' : html`<option value="${str(value)}" selected>${str(value) || '—'}</option>`}
        ${KEYS.map((k) => html`<option value="${k}"${k === str(value) ? ' selected' : ''}>${k}</option>`)}
      </select>`);
    case 'text': {
      const listId = field.name === 'queue' ? `${domId(ctx, path)}-queues` : '';
      return input(ctx, path, fieldLabel(field.name), (id, invalid) => html`<input type="text" id="${id}" data-path="${path}" data-kind="string" ${field.optional ? raw('data-optional="1"') : ''} value="${str(value)}" ${field.maxLength ? raw(`maxlength="${field.maxLength}"`) : ''} ${listId ? raw(`list="${listId}"`) : ''} ${raw(invalid)}>
        ${listId ? html`<datalist id="${listId}">${ctx.queues.map((q) => html`<option value="${q}"></option>`)}</datalist>` : ''}`);
    }
    case 'list': {
      const items = Array.isArray(value) ? value : [];
      const own = ctx.problems.filter((p) => p.field === path);
      return html`<fieldset class="list"><legend>${fieldLabel(field.name)}</legend>
        ${own.length ? html`<p class="field-error">${own.map((p) => p.message).join('; ')}</p>` : ''}
        <ol class="items">
        ${items.map((item, i) => html`<li class="item">
          <div class="item-head"><span class="item-title">${field.name === 'options' ? `Option ${i + 1}` : `#${i + 1}`}</span>
            <span class="item-actions">
              <button type="button" class="small" data-action="move-item" data-field="${field.name}" data-index="${i}" data-by="-1" ${i === 0 ? raw('disabled') : ''} aria-label="Move option ${i + 1} up">↑</button>
              <button type="button" class="small" data-action="move-item" data-field="${field.name}" data-index="${i}" data-by="1" ${i === items.length - 1 ? raw('disabled') : ''} aria-label="Move option ${i + 1} down">↓</button>
              <button type="button" class="small danger" data-action="remove-item" data-field="${field.name}" data-index="${i}" ${items.length <= field.min ? raw('disabled') : ''}>Remove option ${i + 1}</button>
            </span></div>
          <div class="item-fields">${field.item.map((f) => editField(f, obj(item)[f.name], `${path}.${i}.${f.name}`, ctx))}</div>
        </li>`)}
        </ol>
        <button type="button" data-action="add-item" data-field="${field.name}" ${items.length >= field.max ? raw('disabled') : ''}>Add an option</button>
      </fieldset>`;
    }
  }
}
