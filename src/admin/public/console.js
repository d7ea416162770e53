// Supervisor console: the draft editor's buttons, the publish form and the try-it softphone.
// Plain script, no build step; the pages are complete HTML without it, except for editing.
'use strict';

(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  class ApiError extends Error {
    constructor(message, status, data) {
      super(message);
      this.status = status;
      this.data = data;
    }
  }

  async function api(method, url, body) {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok) throw new ApiError(data?.message ?? `The console answered ${response.status}`, response.status, data);
    return data;
  }

  // ---- the draft document, as edited in the page ----

  const SAFE_KEY = /^[A-Za-z0-9_$-]+$/;

  function setPath(target, path, value) {
    const parts = path.split('.');
    let node = target;
    parts.forEach((part, i) => {
      if (!SAFE_KEY.test(part) || part === '__proto__' || part === 'constructor' || part === 'prototype') {
        throw new Error(`bad field ${path}`);
      }
      const key = /^\d+$/.test(part) ? Number(part) : part;
      if (i === parts.length - 1) {
        if (value === undefined) delete node[key];
        else node[key] = value;
        return;
      }
      if (node[key] === null || typeof node[key] !== 'object') node[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      node = node[key];
    });
  }

  function readValue(el) {
    const kind = el.dataset.kind;
    if (kind === 'int') return el.value === '' ? undefined : Number(el.value);
    // Unchecked leaves the field out, as the flow format's optional flags expect.
    if (kind === 'bool') return el.checked ? true : undefined;
    if (kind === 'lines') {
      return el.value
        .split(/[\n,]+/)
        .map((w) => w.trim())
        .filter(Boolean);
    }
    const text = el.value;
    if (el.dataset.optional && text.trim() === '') return undefined;
    return text;
  }

  const editor = document.getElementById('editor');
  let dirty = false;

  /** The stored draft with the page's edits applied; refuses when someone saved in between. */
  async function editedDocument() {
    const draft = await api('GET', '/admin/api/draft');
    if (!editor) return draft.document;
    if ((draft.version ?? '') !== (editor.dataset.version ?? '')) {
      throw new ApiError('Someone else saved this draft since you opened it. Copy your changes, then reload the page.', 409);
    }
    const doc = draft.document;
    editor.querySelectorAll('[data-flow-card] [data-path]').forEach((el) => setPath(doc, el.dataset.path, readValue(el)));
    editor.querySelectorAll('[data-step-index]').forEach((card) => {
      const step = doc.steps[Number(card.dataset.stepIndex)];
      if (!step || step.id !== card.dataset.stepId) throw new ApiError('The draft changed under this page; reload it.', 409);
      card.querySelectorAll('[data-path]').forEach((el) => setPath(step, el.dataset.path, readValue(el)));
    });
    return doc;
  }

  function setSaveStatus(text, isError) {
    const el = document.querySelector('[data-save-status]');
    if (!el) return;
    el.textContent = text;
    el.classList.toggle('error', !!isError);
  }

  async function storeDraft(op) {
    const document = await editedDocument();
    const result = await api('PUT', '/admin/api/draft', { document, expectedVersion: editor.dataset.version || null, op });
    editor.dataset.version = result.version;
    dirty = false;
    return result;
  }

  /** Saves (with a structural edit, if any) and reloads so the server shows the new problems. */
  async function saveAndReload(op) {
    setSaveStatus('Saving…');
    try {
      const result = await storeDraft(op);
      const anchor = result.focus ? `#edit-${encodeURIComponent(result.focus)}` : '';
      window.location.assign(`/admin/flow/draft?notice=saved&t=${Date.now()}${anchor}`);
    } catch (error) {
      setSaveStatus(error.message, true);
    }
  }

  if (editor) {
    editor.addEventListener('input', () => {
      dirty = true;
      setSaveStatus('Unsaved changes');
    });
    window.addEventListener('beforeunload', (event) => {
      if (dirty) event.preventDefault();
    });

    editor.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (!button || !editor.contains(button)) return;
      const card = button.closest('[data-step-index]');
      const stepId = card?.dataset.stepId;
      const action = button.dataset.action;
      if (action === 'save') return void saveAndReload();
      if (action === 'remove-step') {
        if (!window.confirm(`Remove step ${stepId}? Steps that go to it will show a problem until you re-route them.`)) return;
        return void saveAndReload({ op: 'remove-step', stepId });
      }
      if (action === 'add-item' || action === 'remove-item' || action === 'move-item') {
        return void saveAndReload({
          op: action,
          stepId,
          field: button.dataset.field,
          index: Number(button.dataset.index),
          by: Number(button.dataset.by),
        });
      }
      if (action === 'add-step') {
        const id = document.getElementById('new-step-id').value.trim();
        const type = document.getElementById('new-step-type').value;
        return void saveAndReload({ op: 'add-step', id, type });
      }
    });
  }

  document.querySelector('[data-action="discard"]')?.addEventListener('click', async () => {
    if (!window.confirm('Throw away the draft and start again from the live menu?')) return;
    try {
      await api('DELETE', '/admin/api/draft');
      dirty = false;
      window.location.assign('/admin/flow/draft?notice=discarded');
    } catch (error) {
      setSaveStatus(error.message, true);
    }
  });

  // ---- publish ----

  const publishForm = document.querySelector('form[data-publish]');
  publishForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errorEl = publishForm.querySelector('[data-publish-error]');
    errorEl.textContent = '';
    try {
      if (dirty) await storeDraft();
      await api('POST', '/admin/api/publish', {
        message: publishForm.elements.message.value,
        expectedVersion: editor?.dataset.version || null,
      });
      window.location.assign('/admin/flow/history?notice=published');
    } catch (error) {
      errorEl.textContent = error.message;
      if (error.data?.problems) window.location.assign(`/admin/flow/draft?t=${Date.now()}`);
    }
  });

  // Publishing is allowed once the draft is saved; a new edit re-enables the button so that
  // saving-and-publishing happens in one go.
  if (editor && publishForm) {
    editor.addEventListener('input', () => {
      const hasProblems = !!document.querySelector('.invalid-summary');
      publishForm.querySelector('button[type="submit"]').disabled = hasProblems;
    });
  }

  // ---- try it ----

  document.querySelectorAll('[data-softphone]').forEach((panel) => {
    const source = panel.dataset.source;
    const transcript = panel.querySelector('[data-try-transcript]');
    const status = panel.querySelector('[data-try-status]');
    const speechForm = panel.querySelector('[data-try-speech]');
    const speechInput = speechForm.querySelector('input');
    const startButton = panel.querySelector('[data-try="start"]');
    const hangupButton = panel.querySelector('[data-try="hangup"]');
    const lineSelect = panel.querySelector('[data-try-line]');
    let session = null;
    let busy = false;

    function entry(kind, text) {
      const li = document.createElement('li');
      li.className = kind;
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = kind === 'caller' ? 'Caller' : kind === 'system' ? 'Line' : '';
      li.append(who, document.createTextNode(text));
      transcript.append(li);
      li.scrollIntoView({ block: 'nearest' });
    }

    function setControls(inCall, gather) {
      panel.querySelectorAll('[data-try-key]').forEach((b) => {
        b.disabled = !inCall || busy || !gather || gather.input === 'speech';
      });
      speechInput.disabled = !inCall || busy || !gather || gather.input === 'dtmf';
      speechForm.querySelector('button[type="submit"]').disabled = speechInput.disabled;
      panel.querySelector('[data-try="silence"]').disabled = !inCall || busy || !gather;
      hangupButton.disabled = !inCall;
      startButton.disabled = busy;
      lineSelect.disabled = inCall;
    }

    async function turn(input) {
      busy = true;
      setControls(!!session, null);
      try {
        const body = { session, input, line: lineSelect.value };
        if (source === 'draft') body.document = await editedDocument();
        else body.revisionId = Number(source);
        const answer = await api('POST', '/admin/api/try', body);
        busy = false;
        if (answer.heard.length) entry('system', answer.heard.join(' '));
        if (answer.ended) {
          const end = answer.reply.end;
          entry('end', end.kind === 'hangup' ? 'The call ends (hang-up).' : end.kind === 'enqueue' ? `The caller waits in the “${end.queue}” queue for a person.` : `The call is transferred to ${end.number}.`);
          status.textContent = `Call over, at step ${answer.step}.`;
          session = null;
          setControls(false, null);
          return;
        }
        session = answer.session;
        const gather = answer.reply.gather;
        const listens = !gather ? 'nothing' : gather.input === 'dtmf' ? 'keys' : gather.input === 'speech' ? 'speech' : 'keys or speech';
        status.textContent = `At step ${answer.step} (${answer.session.state.language === 'es' ? 'Spanish' : 'English'}), listening for ${listens}.`;
        setControls(true, gather);
      } catch (error) {
        busy = false;
        const problems = error.data?.problems;
        entry('error', problems ? `${error.message}: ${problems.map((p) => `${p.stepId ?? 'settings'} ${p.field}: ${p.message}`).join('; ')}` : error.message);
        status.textContent = 'The try stopped.';
        session = null;
        setControls(false, null);
      }
    }

    startButton.addEventListener('click', () => {
      transcript.textContent = '';
      session = null;
      entry('caller', `Calls the ${lineSelect.value === 'outOfArea' ? 'out-of-area' : 'main'} line.`);
      void turn(undefined);
    });
    hangupButton.addEventListener('click', () => {
      entry('caller', 'Hangs up.');
      session = null;
      status.textContent = 'Not in a call.';
      setControls(false, null);
    });
    panel.querySelectorAll('[data-try-key]').forEach((button) => {
      button.addEventListener('click', () => {
        entry('caller', `Presses ${button.dataset.tryKey}.`);
        void turn({ kind: 'digits', digits: button.dataset.tryKey });
      });
    });
    speechForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = speechInput.value.trim();
      if (!text) return;
      entry('caller', `Says “${text}”.`);
      speechInput.value = '';
      void turn({ kind: 'speech', text });
    });
    panel.querySelector('[data-try="silence"]').addEventListener('click', () => {
      entry('caller', 'Says nothing.');
      void turn({ kind: 'silence' });
    });
  });
})();
