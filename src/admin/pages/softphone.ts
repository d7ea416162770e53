import { html, type SafeHtml } from '../html.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/**
 * The try-it softphone. `source` says what it runs: "draft" (the editor's document, unsaved edits
 * included) or a revision id. console.js drives it through POST /admin/api/try.
 */
export function softphone(source: { draft: true } | { revisionId: number; version: number }): SafeHtml {
  const label = 'draft' in source ? 'this draft, with unsaved edits' : `version ${source.version}`;
  return html`<section class="card softphone" aria-labelledby="try-h" data-softphone
      data-source="${'draft' in source ? 'draft' : String(source.revisionId)}">
    <h2 id="try-h">Try it</h2>
    <p class="hint">Runs ${label} exactly as a call would, with the real steps. Nothing a try does is kept.</p>
    <div class="row">
      <label for="try-line">Number dialled</label>
      <select id="try-line" data-try-line><option value="main">Main 311 line</option><option value="outOfArea">Out-of-area line</option></select>
    </div>
    <div class="row buttons">
      <button type="button" class="primary" data-try="start">Call</button>
      <button type="button" data-try="hangup" disabled>Hang up</button>
    </div>
    <p class="try-status" data-try-status aria-live="polite">Not in a call.</p>
    <div class="keypad" role="group" aria-label="Keypad">
      ${KEYS.map((k) => html`<button type="button" data-try-key="${k}" disabled aria-label="Press ${k}">${k}</button>`)}
    </div>
    <form class="speech" data-try-speech>
      <label for="try-speech">Caller says</label>
      <input id="try-speech" type="text" maxlength="500" autocomplete="off" disabled>
      <button type="submit" disabled>Say</button>
      <button type="button" data-try="silence" disabled>Stay silent</button>
    </form>
    <h3>What the caller hears</h3>
    <ol class="transcript" data-try-transcript aria-live="polite"></ol>
  </section>`;
}
