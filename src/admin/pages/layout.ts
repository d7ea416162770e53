import type { AdminSession } from '../sessions.js';
import { html, type SafeHtml } from '../html.js';
import { assetUrl } from '../assets.js';

export type Section = 'flow' | 'draft' | 'history' | 'catalogue' | 'audit' | 'stats' | 'none';

const NAV: { section: Section; href: string; text: string }[] = [
  { section: 'flow', href: '/admin/flow', text: 'Live menu' },
  { section: 'draft', href: '/admin/flow/draft', text: 'Edit draft' },
  { section: 'history', href: '/admin/flow/history', text: 'History' },
  { section: 'catalogue', href: '/admin/catalogue', text: 'Catalogue' },
  { section: 'audit', href: '/admin/audit', text: 'Audit log' },
  { section: 'stats', href: '/admin/stats', text: 'CityStat' },
];

/** Short confirmations chosen by a fixed name in the query: nothing from the URL is echoed. */
export const NOTICES: Record<string, string> = {
  published: 'Published. New calls hear the new version; calls already in progress keep the one they started on.',
  'rolled-back': 'Rolled back. New calls hear the restored version.',
  saved: 'Saved.',
  discarded: 'Draft discarded; the editor starts again from the live menu.',
  'signed-out': 'You are signed out.',
};

export function page(options: {
  title: string;
  session?: AdminSession | undefined;
  section?: Section;
  notice?: string | undefined;
  body: SafeHtml;
}): string {
  const { session } = options;
  const notice = options.notice ? NOTICES[options.notice] : undefined;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${session ? html`<meta name="csrf-token" content="${session.csrfToken}">` : ''}
<title>${options.title} · Baltimore 311 supervisor console</title>
<link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('console.css')}">
<script src="${assetUrl('console.js')}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand"><a href="/admin/flow">Baltimore 311 · Supervisor console</a></p>
  ${session
    ? html`<nav aria-label="Console"><ul>${NAV.map(
        (n) => html`<li><a href="${n.href}"${n.section === options.section ? html` aria-current="page"` : ''}>${n.text}</a></li>`,
      )}</ul></nav>
      <form class="who" method="post" action="/admin/sign-out">
        <span>${session.username} <span class="role">${session.role}</span></span>
        <input type="hidden" name="_csrf" value="${session.csrfToken}">
        <button type="submit" class="link">Sign out</button>
      </form>`
    : ''}
</header>
<main id="main" tabindex="-1">
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${options.body}
</main>
</body>
</html>`.value;
}

export function errorPage(status: number, message: string, session?: AdminSession): string {
  return page({
    title: status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something went wrong',
    session,
    body: html`<h1>${status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'That did not work'}</h1>
      <p class="error" role="alert">${message}</p>
      <p><a href="/admin/flow">Back to the console</a></p>`,
  });
}

export function formatTime(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
