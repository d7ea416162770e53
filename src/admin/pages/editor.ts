import type { Draft } from '../drafts.js';
import type { Change } from '../diff.js';
import type { PlacedProblem } from '../problems.js';
import type { AdminSession } from '../sessions.js';
import { STEP_TYPES, isStepType } from '../../flow/schema.js';
import { settingsFields, stepFields } from '../step-fields.js';
import { html, type SafeHtml } from '../html.js';
import { editField, type FieldContext } from './fields.js';
import { changeList } from './changes.js';
import { describeFieldPath } from './labels.js';
import { page } from './layout.js';
import { outline } from './outline.js';
import { softphone } from './softphone.js';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function problemList(problems: PlacedProblem[]): SafeHtml | '' {
  if (!problems.length) return '';
  return html`<div class="problems" role="group" aria-label="Problems to fix">
    <p><strong>${problems.length === 1 ? '1 problem' : `${problems.length} problems`} to fix:</strong></p>
    <ul>${problems.map((p) => html`<li>${describeFieldPath(p.field)}: ${p.message}</li>`)}</ul></div>`;
}

/** Warnings beside a step: worth fixing, but publishing is allowed. */
function warningList(warnings: PlacedProblem[]): SafeHtml | '' {
  if (!warnings.length) return '';
  return html`<div class="warnings" role="group" aria-label="Warnings">
    <p><strong>${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`} (publishing is still allowed):</strong></p>
    <ul>${warnings.map((p) => html`<li>${describeFieldPath(p.field)}: ${p.message}</li>`)}</ul></div>`;
}

export function editorPage(options: {
  session: AdminSession;
  draft: Draft;
  problems: PlacedProblem[];
  /** Shown beside their steps without blocking publishing. */
  warnings?: PlacedProblem[];
  changes: Change[];
  notice?: string | undefined;
  canEdit: boolean;
}): string {
  const { draft, problems, changes, session } = options;
  const warnings = options.warnings ?? [];
  const doc = draft.document;
  const steps = Array.isArray(doc.steps) ? (doc.steps as unknown[]).map(obj) : [];
  const stepRefs = steps.map((s) => ({ id: str(s.id), ...(str(s.label) ? { label: str(s.label) } : {}) }));
  const queues = [...new Set(['operator', ...steps.filter((s) => s.type === 'enqueue').map((s) => str(s.queue))])].filter(Boolean);
  const flowProblems = problems.filter((p) => !p.stepId);
  const stale = draft.version !== null && draft.baseRevisionId !== draft.live.revisionId;

  const status = html`<section class="card status" aria-labelledby="status-h">
    <h2 id="status-h">Draft status</h2>
    <p>${draft.version === null
      ? html`No changes yet: this is live version ${draft.live.version}.`
      : html`Last saved by <strong>${draft.updatedBy ?? ''}</strong>; started from live version ${draft.live.version}.`}</p>
    ${stale ? html`<p class="warning" role="alert">Someone published or rolled back since this draft was started. Publishing this draft replaces the live menu with it.</p>` : ''}
    ${problems.length
      ? html`<p class="invalid-summary" role="alert" id="problem-count">${problems.length === 1 ? '1 problem' : `${problems.length} problems`} must be fixed before publishing:
          ${[...new Set(problems.map((p) => p.stepId ?? ''))].map((id) => (id ? html` <a href="#edit-${id}">${id}</a>` : html` <a href="#edit-settings">settings</a>`))}</p>`
      : html`<p class="ok" id="problem-count">No problems found: ready to publish.</p>`}
    ${warnings.length
      ? html`<p class="warning" id="warning-count">${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}, which do not block publishing:
          ${[...new Set(warnings.map((p) => p.stepId ?? ''))].map((id) => (id ? html` <a href="#edit-${id}">${id}</a>` : html` <a href="#edit-settings">settings</a>`))}</p>`
      : ''}
  </section>`;

  const publish = options.canEdit
    ? html`<section class="card publish" aria-labelledby="publish-h">
        <h2 id="publish-h">Publish</h2>
        <form data-publish>
          <div class="field"><label for="publish-message">What changed, for the history</label>
            <textarea id="publish-message" name="message" rows="2" maxlength="500" required></textarea></div>
          <button type="submit" class="primary" ${problems.length || draft.version === null ? html`disabled` : ''}>Publish draft</button>
          <p class="hint">New calls get the published version at once; calls in progress keep theirs.</p>
          <p class="form-error" data-publish-error role="alert"></p>
        </form>
        ${draft.version !== null ? html`<button type="button" class="danger" data-action="discard">Discard draft</button>` : ''}
      </section>`
    : '';

  const editor = options.canEdit
    ? html`<div id="editor" data-version="${draft.version ?? ''}">
        <p class="save-bar"><button type="button" class="primary" data-action="save">Save draft</button>
          <span class="save-status" data-save-status role="status" aria-live="polite"></span></p>
        <section class="card step settings" id="edit-settings" data-flow-card aria-labelledby="settings-h">
          <h2 id="settings-h">How every call starts and ends</h2>
          ${problemList(flowProblems)}
          ${editField({ kind: 'target', name: 'initial' }, doc.initial, 'initial', ctxFor('flow', stepRefs, queues, flowProblems))}
          ${settingsFields.map((f) => editField(f, obj(doc.settings)[f.name], `settings.${f.name}`, ctxFor('flow', stepRefs, queues, flowProblems)))}
        </section>
        <ol class="steps">${steps.map((step, i) => {
          const id = str(step.id);
          const type = str(step.type);
          const mine = problems.filter((p) => p.stepId === id);
          const ctx = ctxFor(`s${i}`, stepRefs, queues, mine);
          return html`<li class="card step${mine.length ? ' has-problems' : ''}" id="edit-${id}" data-step-index="${i}" data-step-id="${id}" aria-labelledby="s${i}-h">
            <div class="step-head">
              <h3 id="s${i}-h"><span class="step-title">${str(step.label) || id}</span> <code>${id}</code> <span class="type">${type}</span></h3>
              <button type="button" class="small danger" data-action="remove-step">Remove step ${id}</button>
            </div>
            ${problemList(mine)}
            ${warningList(warnings.filter((p) => p.stepId === id))}
            ${isStepType(type) ? stepFields(type).map((f) => editField(f, step[f.name], f.name, ctx)) : ''}
          </li>`;
        })}</ol>
        <section class="card add-step" aria-labelledby="add-h">
          <h2 id="add-h">Add a step</h2>
          <div class="row">
            <div class="field"><label for="new-step-id">Step id</label>
              <input id="new-step-id" pattern="[a-z][a-z0-9\\-]{0,47}" maxlength="48" placeholder="downed-trees" aria-describedby="new-step-hint">
              <p class="hint" id="new-step-hint">Lower-case letters, digits and dashes.</p></div>
            <div class="field"><label for="new-step-type">Kind of step</label>
              <select id="new-step-type">${STEP_TYPES.map((t) => html`<option value="${t}">${t}</option>`)}</select></div>
            <button type="button" data-action="add-step">Add step</button>
          </div>
        </section>
      </div>`
    : html`<p class="notice">You can read the draft; a supervisor can change it.</p>${problemList(problems)}${warningList(warnings)}${outline(doc)}`;

  return page({
    title: 'Edit draft',
    session,
    section: 'draft',
    notice: options.notice,
    body: html`<h1>Edit draft: ${str(doc.name)}</h1>
      <div class="layout">
        <div class="main-col">${status}${editor}</div>
        <aside class="side-col">
          ${publish}
          ${softphone({ draft: true })}
          <section class="card" aria-labelledby="changes-h"><h2 id="changes-h">Changes from the live menu</h2>${changeList(changes)}</section>
        </aside>
      </div>`,
  });
}

function ctxFor(idPrefix: string, steps: FieldContext['steps'], queues: string[], problems: PlacedProblem[]): FieldContext {
  return { idPrefix, steps, queues, problems };
}
