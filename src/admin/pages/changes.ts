import type { Change } from '../diff.js';
import { html, type SafeHtml } from '../html.js';
import { describeFieldPath } from './labels.js';

function text(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value || '(empty)';
  if (Array.isArray(value)) return value.join(', ') || '(none)';
  return JSON.stringify(value);
}

function optionSummary(option: unknown): string {
  const o = (option ?? {}) as { words?: { en?: string[] } | string[]; next?: string; label?: string };
  const words = Array.isArray(o.words) ? o.words : o.words?.en ?? [];
  return [o.label, words.length ? `“${words.slice(0, 3).join('”, “')}”` : '', o.next ? `goes to ${o.next}` : ''].filter(Boolean).join(' · ');
}

function one(change: Change): SafeHtml {
  switch (change.kind) {
    case 'step-added':
      return html`<li class="added">Added step <code>${change.stepId}</code> (${change.type})</li>`;
    case 'step-removed':
      return html`<li class="removed">Removed step <code>${change.stepId}</code> (${change.type})</li>`;
    case 'option-added':
      return html`<li class="added">Added option <kbd>${change.key}</kbd> ${optionSummary(change.option)}</li>`;
    case 'option-removed':
      return html`<li class="removed">Removed option <kbd>${change.key}</kbd> ${optionSummary(change.option)}</li>`;
    case 'options-reordered':
      return html`<li>Options reordered: ${change.from.join(' ')} → ${change.to.join(' ')}</li>`;
    case 'changed':
      return html`<li>${describeFieldPath(change.field)} changed
        <span class="from-to"><del aria-label="from">${text(change.from)}</del> <span aria-hidden="true">→</span> <ins aria-label="to">${text(change.to)}</ins></span></li>`;
  }
}

/** A readable difference, grouped by step. */
export function changeList(changes: Change[]): SafeHtml {
  if (!changes.length) return html`<p>No changes.</p>`;
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = 'stepId' in change && change.stepId ? change.stepId : '';
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return html`<div class="diff">${[...groups].map(
    ([stepId, list]) => html`<section class="diff-step"><h3>${stepId ? html`Step <code>${stepId}</code>` : 'Flow settings'}</h3>
      <ul>${list.map(one)}</ul></section>`,
  )}</div>`;
}
