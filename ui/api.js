// The only door to Rust. The web view never holds a token: commands take and give only
// masked forms, ids and results. Errors arrive as {code, message, details}.

import { h } from './dom.js';
import { t, has } from './i18n.js';

export async function call(cmd, args = {}) {
  return window.__TAURI__.core.invoke(cmd, args);
}

export function listen(event, cb) {
  return window.__TAURI__.event.listen(event, (e) => cb(e.payload));
}

/// The sentence for an error code, in the user's language.
export function errorText(err) {
  const code = (err && err.code) || 'unknown';
  const d = (err && err.details) || {};
  const key = `errors.${code}`;
  const params = { ...d, numbers: Array.isArray(d.numbers) ? d.numbers.join(', ') : d.numbers,
    until: d.until || '72 h', available_from: d.available_from };
  if (has(key)) return t(key, params);
  if (code.startsWith('meta.')) return t('errors.meta.unknown');
  return t('errors.unknown');
}

/// A visible, announced error box with Meta's code and trace id, and a reassurance.
export function errorBox(err) {
  const d = (err && err.details) || {};
  const meta = d.meta_code ?? (err && err.code && err.code.startsWith('meta.') ? err.code.slice(5) : null);
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, t('errors.title')),
    h('p', {}, errorText(err)),
    d.meta_message ? h('p', { class: 'muted' }, t('errors.meta_says', { text: d.meta_message })) : null,
    meta !== null && meta !== undefined ? h('p', { class: 'code' }, t('errors.meta_code', { code: meta })) : null,
    d.trace_id ? h('p', { class: 'code' }, t('errors.trace', { trace: d.trace_id })) : null,
    h('p', { class: 'muted' }, t('errors.nothing_lost')),
  );
}
