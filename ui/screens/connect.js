// Screen 0, Conectar: paste a system-user token (with a mini-guide), or practise.

import { h, announce } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { openButton } from '../widgets/opened.js';
import { loginButton } from '../widgets/login.js';
import { Mode } from '../vocabulary.js';

export async function renderConnect(el, ctx) {
  const s = ctx.status || {};
  el.append(h('h1', { id: 'title-connect' }, t('connect.title')));
  if (s.other_host_token_withheld) el.append(h('p', { class: 'warn-text', id: 'other-host' }, t('connect.other_host', { host: s.host })));
  if (ctx.bootError) {
    ctx.fail(el, ctx.bootError);
    ctx.set({ bootError: null }, { draw: false });
  }

  if (s.connected && s.mode === Mode.REAL) {
    el.append(h('div', { class: 'card', id: 'connected-card' },
      h('p', { id: 'connected-as' }, t('connect.connected_as', { name: s.user_name || '' })),
      // How, never the token itself (not even masked): a Facebook session until a time, or a
      // system user's token.
      s.expires_at
        ? h('p', { class: 'muted', id: 'session-until' }, t('connect.via_facebook', { time: formatDateTime(s.expires_at) }))
        : h('p', { class: 'muted', id: 'connected-how' }, t('connect.via_token')),
      !s.missing_permissions
        ? h('p', { class: 'muted' }, t('connect.permissions_unknown'))
        : s.missing_permissions.length
          ? h('div', {}, h('p', { class: 'warn-text', id: 'missing-permissions' }, t('connect.missing_permissions', { list: s.missing_permissions.join(', ') })),
            s.expires_at ? loginButton(ctx, { id: 'login-rerequest', label: t('login.rerequest'), practice: false, rerequest: true }) : null)
          : h('p', { class: 'ok-text' }, t('connect.all_permissions')),
      s.saved && !s.persistent ? h('p', { class: 'warn-text' }, t('connect.not_persistent')) : null,
      h('div', { class: 'actions' },
        h('button', { id: 'disconnect', type: 'button', class: 'secondary', onclick: () => ctx.act(el, async () => {
          await ctx.set({ status: await ctx.call('token_forget'), journey: null, forceConnect: true });
        }) }, t('connect.sign_out')),
        h('button', { id: 'start-journey', type: 'button', class: 'primary', onclick: () => ctx.act(el, () => ctx.startJourney()) }, t('connect.start')),
      )));
  }

  const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-hint' });
  const remember = h('input', { id: 'remember', type: 'checkbox', checked: true });
  const result = h('div', { id: 'connect-result', 'aria-live': 'polite' });
  const submit = h('button', { id: 'connect-submit', type: 'submit', class: 'primary' }, t('connect.submit'));
  const fb = ctx.info && ctx.info.facebook_login ? ctx.info.facebook_login : { available: false };
  // Without an App ID in this build, the Facebook login is one line on why and who provides it;
  // the path that works (the token guide, open) comes first.
  const facebook = fb.available
    ? h('div', { class: 'card', id: 'facebook-card' },
      h('h2', {}, t('login.title')),
      h('p', {}, t('login.intro')),
      loginButton(ctx, { id: 'facebook-login', label: t('login.button'), practice: false, remember: () => remember.checked }))
    : h('p', { class: 'muted', id: 'facebook-card' }, h('span', { id: 'facebook-unavailable' }, t('login.no_app_id_line')));
  const form = h('form', { class: 'card', id: 'token-form' },
    h('h2', {}, t('login.or_token')),
    h('p', {}, t('connect.intro')),
    h('label', { for: 'token-input' }, t('connect.token_label')),
    input,
    h('p', { id: 'token-hint', class: 'muted' }, t('connect.token_hint')),
    result,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.textContent = '';
    submit.disabled = true;
    result.append(h('p', { class: 'muted', role: 'status' }, t('connect.connecting')));
    try {
      const st = await ctx.call('token_save', { token: input.value, remember: remember.checked });
      input.value = '';
      announce(t('connect.connected_as', { name: st.user_name || '' }));
      await ctx.set({ status: st, forceConnect: true, journey: null });
    } catch (err) {
      result.textContent = '';
      ctx.fail(result, err);
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });

  // A drawn sketch of Business Settings (not Meta's artwork): where "Gerar token" lives, and the
  // two permissions to tick.
  const sketch = h('div', { class: 'mini-bm', role: 'img', 'aria-label': t('connect.sketch_label') },
    h('div', { class: 'mini-menu' },
      h('div', {}, t('connect.sketch_users')),
      h('div', {}, t('connect.sketch_people')),
      h('div', { class: 'on' }, t('connect.sketch_system_users'))),
    h('div', { class: 'mini-panel' },
      h('div', { class: 'mini-row' }, h('span', {}, t('connect.sketch_admin')), h('span', { class: 'mini-btn' }, t('connect.sketch_generate'))),
      h('div', { class: 'mini-perm' }, '☑ whatsapp_business_management'),
      h('div', { class: 'mini-perm' }, '☑ business_management')));
  const guide = h('details', { class: 'card guide', open: true },
    h('summary', {}, t('connect.guide_title')),
    sketch,
    h('ol', {}, ...[1, 2, 3, 4, 5].map((i) => h('li', {}, t(`connect.guide_${i}`)))),
  );
  guide.append(openButton(ctx, 'system_users', 'connect.open_system_users', 'open.system_users', guide));
  // Most admins have no Meta app of their own: how to make one in their own portfolio.
  guide.append(h('details', { id: 'no-app-yet' },
    h('summary', {}, t('connect.no_app_title')),
    h('ol', {}, ...[1, 2, 3, 4].map((i) => h('li', {}, t(`connect.no_app_${i}`))))));

  const practice = h('div', { class: 'card practice-card' },
    h('h2', {}, t('connect.practice_title')),
    h('p', {}, t('connect.practice_text')),
    h('button', { id: 'practice-start', type: 'button', class: 'secondary', onclick: async (e) => {
      e.target.disabled = true;
      try {
        await ctx.set({ status: await ctx.call('practice_start', { fresh: true }) }, { draw: false });
        await ctx.startJourney();
      } catch (err) {
        e.target.disabled = false;
        ctx.fail(practice, err);
      }
    } }, t('connect.practice_button')));

  practice.append(h('p', { class: 'muted' }, t('login.practice_text')),
    loginButton(ctx, { id: 'practice-facebook-login', label: t('login.practice_button'), practice: true }));
  const rememberRow = h('p', { class: 'card remember-row' }, h('label', { class: 'check' }, remember, t('connect.remember')));
  // Without an App ID this build has no Facebook login: said once at the top, in her words;
  // practice is beside it, and the token (a technical person's task) waits folded.
  const technical = h('details', { class: 'card', id: 'technical-connect' },
    h('summary', {}, t('connect.technical_title')), guide, form, rememberRow);
  if (!fb.available) guide.open = false;
  const left = fb.available
    ? [facebook, rememberRow, form, guide]
    : [h('p', { class: 'callout', id: 'no-facebook-login' }, t('login.no_app_id_top')), technical];
  const body = h('div', { class: 'two-cols' }, h('div', {}, ...left), practice);
  // Once connected, the token form waits behind "Trocar de conta".
  if (s.connected && s.mode === Mode.REAL) {
    el.append(h('details', { class: 'card', id: 'switch-account' }, h('summary', {}, t('connect.switch_account')), body));
  } else {
    el.append(body);
  }
}
