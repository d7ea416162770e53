import { html, raw, type SafeHtml } from '../admin/html.js';
import { page } from '../admin/pages/layout.js';
import type { AdminSession } from '../admin/sessions.js';
import { statsAssetUrl } from './assets.js';
import type { CityStat } from './figures.js';
import { FIGURES } from './figures.js';
import { filterQuery, type LineChoice } from './filter.js';
import { closeTime, count, percent, waitTime } from './format.js';

const LINE_CHOICES: { value: LineChoice; text: string }[] = [
  { value: 'both', text: 'Both lines' },
  { value: 'main', text: 'Main 311 line' },
  { value: 'out-of-area', text: 'Out-of-area line' },
];

/** The figures for the page's script, inert: JSON in a non-executed script element, "<" escaped. */
function dataIsland(stat: CityStat): SafeHtml {
  const json = JSON.stringify(stat).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return raw(`<script type="application/json" id="citystat-data">${json}</script>`);
}

/** A chart and, under it, the same numbers as a table for screen readers and exact reading. */
function figure(options: { id: string; title: string; csv?: string; hint?: string; tall?: boolean; table: SafeHtml }): SafeHtml {
  return html`<section class="card figure" aria-labelledby="${options.id}-title">
    <div class="figure-head">
      <h2 id="${options.id}-title">${options.title}</h2>
      ${options.csv ? html`<a class="csv" href="${options.csv}">CSV</a>` : ''}
    </div>
    ${options.hint ? html`<p class="hint">${options.hint}</p>` : ''}
    <div class="chart${options.tall ? ' tall' : ''}"><canvas id="${options.id}" role="img" aria-label="${options.title}"></canvas></div>
    <details><summary>Table</summary>${options.table}</details>
  </section>`;
}

function table(head: string[], rows: (string | number)[][]): SafeHtml {
  return html`<div class="table-wrap"><table>
    <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td class="num">${c}</td>`))}</tr>`)}</tbody>
  </table></div>`;
}

export function statsPage(session: AdminSession, stat: CityStat): string {
  const { filter, containment, requests } = stat;
  const q = filterQuery(filter);
  const csv = (name: keyof typeof FIGURES) => `/admin/stats/${name}.csv?${q}`;
  const calls = stat.callsByDay.reduce((s, d) => s + d.calls, 0);
  const reports = stat.endings.find((e) => e.ending === 'report')?.calls ?? 0;
  const held = stat.queues.reduce((s, w) => s + w.held, 0);
  const abandoned = stat.queues.reduce((s, w) => s + w.abandoned, 0);
  const understood = stat.speech.filter((s) => s.path !== 'keypad').reduce((s, p) => s + p.share, 0);
  const speechTotal = stat.speech.reduce((s, p) => s + p.calls, 0);

  return page({
    title: 'CityStat',
    session,
    section: 'stats',
    body: html`<link rel="stylesheet" href="${statsAssetUrl('stats.css')}">
<h1>CityStat: what the line did</h1>
<form class="card stats-filter" method="get" action="/admin/stats">
  <label>From <input type="date" name="from" value="${filter.from}" required></label>
  <label>To <input type="date" name="to" value="${filter.to}" required></label>
  <label>Line <select name="line">${LINE_CHOICES.map((c) => html`<option value="${c.value}"${c.value === filter.line ? raw(' selected') : ''}>${c.text}</option>`)}</select></label>
  <button type="submit">Show</button>
  <p class="downloads">For analysts: <a href="/admin/stats.json?${q}">all figures as JSON</a>
    · CSV: ${Object.entries(FIGURES).map(([name, f], i) => html`${i ? ' · ' : ''}<a href="/admin/stats/${name}.csv?${q}">${f.title.toLowerCase()}</a>`)}</p>
</form>

<ul class="tiles" aria-label="Key figures">
  <li class="card"><span class="big">${count(calls)}</span> calls</li>
  <li class="card"><span class="big">${percent(containment.rate)}</span> completed without a person <span class="hint">(${count(containment.contained)} of ${count(containment.calls)} ended calls)</span></li>
  <li class="card"><span class="big">${count(reports)}</span> reports filed</li>
  <li class="card"><span class="big">${count(requests.totals.open)}</span> requests still open <span class="hint">of ${count(requests.totals.requests)} opened</span></li>
  <li class="card"><span class="big">${percent(held ? abandoned / held : null)}</span> of queued callers hung up <span class="hint">(${count(abandoned)} of ${count(held)})</span></li>
  <li class="card"><span class="big">${percent(speechTotal ? understood : null)}</span> of issue types understood by speech</li>
  <li class="card"><span class="big">${percent(stat.firstQuestion.share)}</span> understood at the first question <span class="hint">(${count(stat.firstQuestion.understood)} of ${count(stat.firstQuestion.answered)} callers who spoke)</span></li>
  <li class="card"><span class="big">${stat.firstQuestion.medianStepsPerReport === null ? '–' : count(stat.firstQuestion.medianStepsPerReport)}</span> steps per phone report <span class="hint">(median, first ring to goodbye)</span></li>
</ul>

<div class="grid">
${figure({
  id: 'chart-hour',
  title: 'Calls per hour of day',
  csv: csv('calls-by-hour'),
  hint: 'Baltimore time.',
  table: table(['Hour', 'Calls'], stat.callsByHour.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, count(h.calls)])),
})}
${figure({
  id: 'chart-day',
  title: 'Calls per day',
  csv: csv('calls-by-day'),
  table: table(['Day', 'Calls'], stat.callsByDay.map((d) => [d.day, count(d.calls)])),
})}
${figure({
  id: 'chart-endings',
  title: 'How calls ended',
  csv: csv('endings'),
  hint: 'Completed without a person: a report filed, an answer from the status line, or a goodbye from the menu.',
  tall: true,
  table: table(['Ending', 'Calls', 'Share'], stat.endings.map((e) => [e.label, count(e.calls), percent(e.share)])),
})}
${figure({
  id: 'chart-speech',
  title: 'Speech recognition: how the issue type was understood',
  csv: csv('speech'),
  table: table(['How', 'Calls', 'Share'], stat.speech.map((s) => [s.label, count(s.calls), percent(s.share)])),
})}
${figure({
  id: 'chart-queues',
  title: 'Queue waits',
  csv: csv('queues'),
  hint: 'Median and 90th percentile wait of callers who held; abandoned = hung up while holding.',
  table: table(
    ['Queue', 'Held', 'Median wait', '90th percentile', 'Abandoned', 'Abandon rate', 'Offered a call-back at once'],
    stat.queues.map((w) => [w.queue, count(w.held), waitTime(w.medianWaitS), waitTime(w.p90WaitS), count(w.abandoned), percent(w.abandonRate), count(w.turnedAway)]),
  ),
})}
${figure({
  id: 'chart-callbacks',
  title: 'Call-backs made and reached',
  csv: csv('queues'),
  table: table(
    ['Queue', 'Requested', 'Reached', 'Failed', 'Still due', 'Dial attempts'],
    stat.queues.map((w) => [w.queue, count(w.callbacksMade), count(w.callbacksAnswered), count(w.callbacksFailed), count(w.callbacksOpen), count(w.callbackAttempts)]),
  ),
})}
${figure({
  id: 'chart-departments',
  title: 'Requests by department: open and closed',
  csv: csv('requests-by-department'),
  hint: 'Requests opened in the period; with both lines, every channel (phone and Open311 API).',
  tall: true,
  table: table(
    ['Department', 'Requests', 'Open', 'Closed', 'Neighbours’ reports merged'],
    requests.byDepartment.map((d) => [d.name, count(d.requests), count(d.open), count(d.closed), count(d.mergedReports)]),
  ),
})}
${figure({
  id: 'chart-close',
  title: 'Time to close, per department',
  csv: csv('requests-by-department'),
  hint: 'From opening to closing, for the period’s requests closed so far: median and 90th percentile, in days.',
  tall: true,
  table: table(
    ['Department', 'Closed', 'Median', '90th percentile'],
    requests.byDepartment.map((d) => [d.name, count(d.closed), closeTime(d.medianCloseH), closeTime(d.p90CloseH)]),
  ),
})}
${figure({
  id: 'chart-types',
  title: 'Requests by type',
  csv: csv('requests-by-type'),
  hint: 'The 15 most requested types; the table and CSV have all of them.',
  tall: true,
  table: table(
    ['Type', 'Department', 'Requests', 'Open', 'Closed', 'Neighbours’ reports merged'],
    requests.byType.map((t) => [t.service, t.department, count(t.requests), count(t.open), count(t.closed), count(t.mergedReports)]),
  ),
})}
</div>

<section class="card" aria-labelledby="map-title">
  <div class="figure-head">
    <h2 id="map-title">Open requests by type</h2>
    <a class="csv" href="${csv('open-requests')}">CSV</a>
  </div>
  <p class="hint">${count(stat.openRequests.open)} requests opened in the period are still open; ${count(stat.openRequests.placed)} have a place and are drawn (one dot per ~200 m cell, larger for more requests). Parks in green.</p>
  <fieldset class="map-layers"><legend>Districts</legend>
    <label><input type="radio" name="districts" value="council" checked> Council</label>
    <label><input type="radio" name="districts" value="police"> Police</label>
    <label><input type="radio" name="districts" value="none"> None</label>
  </fieldset>
  <div id="map" class="map" role="img" aria-label="Map of open requests by type"><p class="hint">The map needs JavaScript.</p></div>
  <ul id="map-legend" class="legend"></ul>
</section>
${dataIsland(stat)}
<script src="${statsAssetUrl('chart.umd.min.js')}" defer></script>
<script src="${statsAssetUrl('stats.js')}" defer></script>`,
  });
}
