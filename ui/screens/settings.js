// Advanced settings (design.md, Rules): another Graph host or version, for support.

import { h } from '../dom.js';
import { t } from '../i18n.js';

export function openSettings(ctx) {
  const root = document.getElementById('modal-root');
  const opener = document.activeElement;
  const s = ctx.settings || {};
  const d = (ctx.info && ctx.info.defaults) || {};
  const url = h('input', { id: 'settings-url', type: 'url', value: s.graph_url || '', placeholder: d.graph_url });
  const ver = h('input', { id: 'settings-version', type: 'text', value: s.graph_version || '', placeholder: d.graph_version });
  const result = h('div', { 'aria-live': 'polite' });
  const close = () => { backdrop.remove(); if (opener && opener.focus) opener.focus(); };
  const form = h('form', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'settings-title' },
    h('h2', { id: 'settings-title' }, t('settings.title')),
    h('p', { class: 'muted' }, t('settings.intro')),
    h('label', { for: 'settings-url' }, t('settings.graph_url')), url,
    h('label', { for: 'settings-version' }, t('settings.graph_version')), ver,
    result,
    h('div', { class: 'modal-actions' },
      h('button', { type: 'button', class: 'secondary', onclick: close }, t('app.close')),
      h('button', { type: 'submit', class: 'primary', id: 'settings-save' }, t('settings.save'))));
  const backdrop = h('div', { class: 'backdrop' }, form);
  backdrop.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.textContent = '';
    try {
      ctx.settings = await ctx.call('settings_set', { settings: { ...s, graph_url: url.value.trim() || null, graph_version: ver.value.trim() || null } });
      result.append(h('p', { class: 'ok-text' }, t('settings.saved')));
    } catch (err) {
      ctx.fail(result, err);
    }
  });
  root.append(backdrop);
  url.focus();
}
