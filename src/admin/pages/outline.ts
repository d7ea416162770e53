import type { Field } from '../step-fields.js';
import { isStepType } from '../../flow/schema.js';
import { settingsFields, stepFields } from '../step-fields.js';
import { html, type SafeHtml } from '../html.js';
import { LANGUAGE_NAMES, eventLabel, fieldLabel } from './labels.js';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

/** A link to a step of the same outline. */
export function stepLink(id: string, prefix = 'step'): SafeHtml {
  return html`<a href="#${prefix}-${id}" class="target">${id || '(nowhere)'}</a>`;
}

function showField(field: Field, value: unknown): SafeHtml | '' {
  switch (field.kind) {
    case 'prompt': {
      const v = obj(value);
      return html`<div class="said"><h4>${fieldLabel(field.name)}</h4>
        ${(['en', 'es'] as const).map((l) => html`<p lang="${l}"><span class="lang">${LANGUAGE_NAMES[l]}</span> “${str(v[l])}”</p>`)}</div>`;
    }
    case 'words':
      return field.perLanguage
        ? html`<p>${(['en', 'es'] as const).map((l) => html`<span class="lang">${LANGUAGE_NAMES[l]}</span> ${list(obj(value)[l]).join(', ') || '—'} `)}</p>`
        : html`<p>${fieldLabel(field.name)}: ${list(value).join(', ')}</p>`;
    case 'target':
      return html`<p>${fieldLabel(field.name)} → ${stepLink(str(value))}</p>`;
    case 'exits': {
      const v = obj(value);
      return html`<dl class="exits">${field.events.map((e) => html`<div><dt>${eventLabel(e)}</dt><dd>→ ${stepLink(str(v[e]))}</dd></div>`)}</dl>`;
    }
    case 'list': {
      const items = Array.isArray(value) ? value.map(obj) : [];
      const names = field.item.map((f) => f.name);
      return html`<table class="options"><caption>${fieldLabel(field.name)}</caption>
        <thead><tr>${names.map((n) => html`<th scope="col">${fieldLabel(n)}</th>`)}</tr></thead>
        <tbody>${items.map((item) => html`<tr>${field.item.map((f) => {
          const v = item[f.name];
          if (f.kind === 'target') return html`<td>→ ${stepLink(str(v))}</td>`;
          if (f.kind === 'words' && f.perLanguage) {
            return html`<td>${(['en', 'es'] as const).map((l) => html`<span class="lang">${l}</span> ${list(obj(v)[l]).join(', ')}<br>`)}</td>`;
          }
          if (f.kind === 'words') return html`<td>${list(v).join(', ')}</td>`;
          return html`<td>${f.kind === 'key' ? html`<kbd>${str(v)}</kbd>` : str(v)}</td>`;
        })}</tr>`)}</tbody></table>`;
    }
    case 'boolean':
      return html`<p>${fieldLabel(field.name)}: <strong>${value === true ? 'yes' : 'no'}</strong></p>`;
    case 'text':
      if (field.name === 'label') return '';
      return html`<p>${fieldLabel(field.name)}: <strong>${str(value)}</strong></p>`;
    default:
      return html`<p>${fieldLabel(field.name)}: ${str(value)}</p>`;
  }
}

/** The flow as a readable outline: every step, what it says, its options and where each goes. */
export function outline(document: unknown): SafeHtml {
  const doc = obj(document);
  const steps = Array.isArray(doc.steps) ? doc.steps.map(obj) : [];
  const settings = obj(doc.settings);
  return html`<section class="card settings" aria-labelledby="settings-h">
      <h2 id="settings-h">How every call starts and ends</h2>
      <dl class="exits"><div><dt>First step</dt><dd>→ ${stepLink(str(doc.initial))}</dd></div>
      ${settingsFields.map((f) => html`<div><dt>${fieldLabel(f.name)}</dt><dd>${f.kind === 'target' ? html`→ ${stepLink(str(settings[f.name]))}` : html`<kbd>${str(settings[f.name])}</kbd>`}</dd></div>`)}</dl>
    </section>
    <ol class="outline">${steps.map((step) => {
      const id = str(step.id);
      const type = str(step.type);
      return html`<li class="card step" id="step-${id}">
        <h3><span class="step-title">${str(step.label) || id}</span> <code>${id}</code> <span class="type">${type}</span></h3>
        ${isStepType(type) ? stepFields(type).map((f) => showField(f, step[f.name])) : html`<p class="error">Unknown step type</p>`}
      </li>`;
    })}</ol>`;
}
