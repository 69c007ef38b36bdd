// "Entrar com o Facebook": Rust opens Meta's login dialog in a window of its own and tells this
// window how it ended. The token never reaches this page: only the status (masked) or an error.

import { h, announce } from '../dom.js';
import { t } from '../i18n.js';
import { listen } from '../api.js';
import { Stage } from '../vocabulary.js';

/// One login, start to end: resolves with the new connection status, or throws the error.
export async function facebookLogin(ctx, { practice, remember = true, rerequest = false }) {
  let settle;
  const finished = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  const unlisten = await listen('login-finished', (p) => (p.ok ? settle.resolve(p.status) : settle.reject(p.error)));
  try {
    await ctx.call('facebook_login_start', { practice, remember, rerequest });
    return { opened: true, finished };
  } catch (err) {
    unlisten();
    throw err;
  } finally {
    finished.finally(() => unlisten()).catch(() => {});
  }
}

/// After a login: the journey in progress goes on where it stopped (a new token for the same
/// person); otherwise a new one starts at the business screen.
export async function afterLogin(ctx, status) {
  announce(t('connect.connected_as', { name: status.user_name || '' }));
  // A declined permission: the connection screen says which, with "tentar de novo".
  if (status.missing_permissions && status.missing_permissions.length) {
    await ctx.set({ status, forceConnect: true });
    return;
  }
  // Only a journey of this mode goes on (Rust also checks the host and the person).
  const going = ctx.journey && ctx.journey.stage !== Stage.DONE && ctx.journey.mode === status.mode;
  await ctx.set({ status, forceConnect: false }, { draw: false });
  if (going) await ctx.refresh();
  else await ctx.startJourney();
}

/// The "Entrar com o Facebook" button with its truthful status line.
export function loginButton(ctx, { id, label, practice, remember = () => true, rerequest = false, disabled = false }) {
  const out = h('div', { 'aria-live': 'polite', id: `${id}-status` });
  const button = h('button', { type: 'button', class: practice ? 'secondary' : 'primary facebook', id, disabled }, label);
  button.addEventListener('click', async () => {
    out.textContent = '';
    button.disabled = true;
    try {
      const { finished } = await facebookLogin(ctx, { practice, remember: remember(), rerequest });
      // Said only once Rust opened the window.
      out.append(h('p', { class: 'muted', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('login.window_open')));
      const status = await finished;
      await afterLogin(ctx, status);
    } catch (err) {
      out.textContent = '';
      ctx.fail(out, err);
      button.disabled = false;
    }
  });
  return h('div', { class: 'login-box' }, button, out);
}
