import type { AuditRow } from '../audit.js';
import type { AdminSession } from '../sessions.js';
import { html, type SafeHtml } from '../html.js';
import { formatTime, page } from './layout.js';

function detail(value: Record<string, unknown>): SafeHtml {
  const entries = Object.entries(value);
  if (!entries.length) return html``;
  return html`<ul class="detail">${entries.map(([k, v]) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? html`<li>${k}:<ul>${v.map((x) => html`<li>${x}</li>`)}</ul></li>`
      : html`<li>${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}</li>`,
  )}</ul>`;
}

export function auditPage(options: { session: AdminSession; rows: AuditRow[]; next?: number | undefined }): string {
  return page({
    title: 'Audit log',
    session: options.session,
    section: 'audit',
    body: html`<h1>Audit log</h1>
      <p>Every change made in the console, newest first.</p>
      <div class="table-wrap"><table class="audit">
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th><th scope="col">Details</th></tr></thead>
        <tbody>${options.rows.map((r) => html`<tr>
          <td><time datetime="${r.at.toISOString()}">${formatTime(r.at)}</time></td>
          <td>${r.actor}</td><td><span class="action">${r.action}</span></td><td>${r.subject}</td><td>${detail(r.detail)}</td>
        </tr>`)}</tbody>
      </table></div>
      ${options.next ? html`<p><a href="/admin/audit?before=${options.next}">Older entries</a></p>` : ''}`,
  });
}
