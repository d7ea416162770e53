import { html } from '../html.js';
import { page } from './layout.js';

export function signInPage(options: { csrf: string; next: string; error?: string; username?: string; notice?: string }): string {
  return page({
    title: 'Sign in',
    notice: options.notice,
    body: html`<section class="sign-in card">
      <h1>Sign in</h1>
      ${options.error ? html`<p class="error" role="alert" id="sign-in-error">${options.error}</p>` : ''}
      <form method="post" action="/admin/sign-in">
        <input type="hidden" name="_csrf" value="${options.csrf}">
        <input type="hidden" name="next" value="${options.next}">
        <div class="field"><label for="username">Username</label>
          <input id="username" name="username" autocomplete="username" required autofocus value="${options.username ?? ''}" ${options.error ? html`aria-describedby="sign-in-error"` : ''}></div>
        <div class="field"><label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required></div>
        <button type="submit" class="primary">Sign in</button>
      </form>
    </section>`,
  });
}
