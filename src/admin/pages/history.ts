import type { FlowRevision } from '../../../db/schema/index.js';
import type { Change } from '../diff.js';
import type { RevisionSummary } from '../publish.js';
import type { AdminSession } from '../sessions.js';
import { html } from '../html.js';
import { changeList } from './changes.js';
import { formatTime, page } from './layout.js';
import { outline } from './outline.js';
import { softphone } from './softphone.js';

export function historyPage(options: { session: AdminSession; revisions: RevisionSummary[]; liveId: number; canEdit: boolean; notice?: string | undefined }): string {
  const { revisions, liveId, session } = options;
  const versionOf = new Map(revisions.map((r) => [r.id, r.version]));
  return page({
    title: 'History',
    session,
    section: 'history',
    notice: options.notice,
    body: html`<h1>Published versions</h1>
      <p>The newest version is live. Rolling back publishes an earlier version again as a new one; calls in progress keep theirs.</p>
      <div class="table-wrap"><table class="history">
        <caption class="visually-hidden">Published versions, newest first</caption>
        <thead><tr><th scope="col">Version</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Message</th><th scope="col">Actions</th></tr></thead>
        <tbody>${revisions.map((r) => html`<tr${r.id === liveId ? html` class="live"` : ''}>
          <td>${r.version}${r.id === liveId ? html` <span class="badge">live</span>` : ''}</td>
          <td><time datetime="${r.createdAt.toISOString()}">${formatTime(r.createdAt)}</time></td>
          <td>${r.author}</td>
          <td>${r.message}${r.restoredFrom ? html`<br><span class="hint">restores version ${versionOf.get(r.restoredFrom) ?? `#${r.restoredFrom}`}</span>` : ''}</td>
          <td class="actions"><a href="/admin/flow/revisions/${r.id}">Changes</a>
            ${options.canEdit && r.id !== liveId
              ? html`<form method="post" action="/admin/flow/revisions/${r.id}/rollback" class="inline">
                  <input type="hidden" name="_csrf" value="${session.csrfToken}">
                  <button type="submit" class="small">Roll back to version ${r.version}</button></form>`
              : ''}</td>
        </tr>`)}</tbody>
      </table></div>`,
  });
}

export function revisionPage(options: { session: AdminSession; revision: FlowRevision; previous?: FlowRevision | undefined; changes: Change[] }): string {
  const { revision, previous } = options;
  return page({
    title: `Version ${revision.version}`,
    session: options.session,
    section: 'history',
    body: html`<h1>Version ${revision.version}</h1>
      <p>Published by <strong>${revision.author}</strong> on ${formatTime(revision.createdAt)}: “${revision.message}”</p>
      <div class="layout">
        <div class="main-col">
          <section class="card" aria-labelledby="diff-h"><h2 id="diff-h">${previous ? `Changes from version ${previous.version}` : 'First version'}</h2>
            ${previous ? changeList(options.changes) : html`<p>The first published version.</p>`}</section>
          <h2>The menu in this version</h2>
          ${outline(revision.document)}
        </div>
        <aside class="side-col">${softphone({ revisionId: revision.id, version: revision.version })}</aside>
      </div>`,
  });
}

export function livePage(options: { session: AdminSession; revision: { id: number; version: number; document: unknown; message?: string }; notice?: string | undefined }): string {
  return page({
    title: 'Live menu',
    session: options.session,
    section: 'flow',
    notice: options.notice,
    body: html`<h1>Live menu: version ${options.revision.version}</h1>
      <p>What callers hear now. <a href="/admin/flow/draft">Edit a draft</a> to change it.</p>
      <div class="layout">
        <div class="main-col">${outline(options.revision.document)}</div>
        <aside class="side-col">${softphone({ revisionId: options.revision.id, version: options.revision.version })}</aside>
      </div>`,
  });
}
