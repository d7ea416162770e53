import type { Department, Service } from '../../../db/schema/index.js';
import type { AdminSession } from '../sessions.js';
import { html } from '../html.js';
import { page } from './layout.js';

export function cataloguePage(options: { session: AdminSession; departments: Department[]; services: Service[]; notice?: string | undefined }): string {
  const names = new Map(options.departments.map((d) => [d.code, d.name]));
  return page({
    title: 'Catalogue',
    session: options.session,
    section: 'catalogue',
    notice: options.notice,
    body: html`<h1>Service catalogue</h1>
      <p>The words callers use for each kind of problem, the department it goes to, and whether we take the report or transfer the caller to police.</p>
      <div class="table-wrap"><table class="catalogue">
        <thead><tr><th scope="col">Service</th><th scope="col">Department</th><th scope="col">Handling</th><th scope="col">Words (English)</th><th scope="col">Words (Spanish)</th><th scope="col"><span class="visually-hidden">Edit</span></th></tr></thead>
        <tbody>${options.services.map((s) => html`<tr${s.active ? '' : html` class="inactive"`}>
          <th scope="row">${s.names.en}<br><span class="hint">${s.name}${s.active ? '' : ' · inactive'}</span></th>
          <td>${names.get(s.departmentCode) ?? s.departmentCode}</td>
          <td>${s.handling === 'police' ? 'Transfer to police' : 'Take report'}</td>
          <td>${s.keywords.en.slice(0, 6).join(', ')}${s.keywords.en.length > 6 ? '…' : ''}</td>
          <td lang="es">${s.keywords.es.slice(0, 6).join(', ')}${s.keywords.es.length > 6 ? '…' : ''}</td>
          <td><a href="/admin/catalogue/${s.code}">Edit<span class="visually-hidden"> ${s.names.en}</span></a></td>
        </tr>`)}</tbody>
      </table></div>`,
  });
}

export function serviceEditPage(options: { session: AdminSession; service: Service; departments: Department[]; canEdit: boolean; error?: string; notice?: string | undefined }): string {
  const { service: s, session } = options;
  const disabled = options.canEdit ? '' : html` disabled`;
  return page({
    title: s.names.en,
    session,
    section: 'catalogue',
    notice: options.notice,
    body: html`<p><a href="/admin/catalogue">← Catalogue</a></p>
      <h1>${s.names.en} <span class="hint">${s.name}</span></h1>
      ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
      <form method="post" action="/admin/catalogue/${s.code}" class="card service-form">
        <input type="hidden" name="_csrf" value="${session.csrfToken}">
        <div class="field"><label for="kw-en">Words callers use (English)</label>
          <p class="hint" id="kw-en-hint">One word or phrase per line, or separated by commas.</p>
          <textarea id="kw-en" name="keywordsEn" rows="6" aria-describedby="kw-en-hint"${disabled}>${s.keywords.en.join('\n')}</textarea></div>
        <div class="field"><label for="kw-es">Words callers use (Spanish)</label>
          <textarea id="kw-es" name="keywordsEs" rows="6" lang="es"${disabled}>${s.keywords.es.join('\n')}</textarea></div>
        <div class="field"><label for="dept">Department</label>
          <select id="dept" name="departmentCode"${disabled}>${options.departments.map((d) => html`<option value="${d.code}"${d.code === s.departmentCode ? html` selected` : ''}>${d.name}</option>`)}</select></div>
        <fieldset class="field"><legend>Handling</legend>
          <label><input type="radio" name="handling" value="report"${s.handling === 'report' ? html` checked` : ''}${disabled}> Take the report</label>
          <label><input type="radio" name="handling" value="police"${s.handling === 'police' ? html` checked` : ''}${disabled}> Transfer the caller to police non-emergency</label>
        </fieldset>
        <div class="field"><label><input type="checkbox" name="active" value="1"${s.active ? html` checked` : ''}${disabled}> Callers can choose this service</label></div>
        ${options.canEdit ? html`<button type="submit" class="primary">Save service</button>` : html`<p class="hint">A supervisor can change this service.</p>`}
      </form>`,
  });
}
