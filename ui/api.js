// The only door to Rust. The web view never holds a token: commands take and give only
// masked forms, ids and results. Errors arrive as {code, message, details}.

import { h } from './dom.js';
import { t, has } from './i18n.js';
import { Mode } from './vocabulary.js';

export async function call(cmd, args = {}) {
  return window.__TAURI__.core.invoke(cmd, args);
}

export function listen(event, cb) {
  return window.__TAURI__.event.listen(event, (e) => cb(e.payload));
}

/// How the admin is connected, as the error sentences tell it apart: the Facebook login (a
/// session that ends), a system user's token, or practice. A sentence never names a thing that
/// connection does not have (a test walks every code × kind).
export function connectionKind(status) {
  if (status && status.mode === Mode.PRACTICE) return 'practice';
  if (status && status.expires_at) return 'facebook';
  return 'token';
}

/// The sentence for an error code, in the user's language, for the connection `kind`.
export function errorText(err, kind = 'token') {
  const code = (err && err.code) || 'unknown';
  const d = (err && err.details) || {};
  const key = has(`errors.${code}_${kind}`) ? `errors.${code}_${kind}` : `errors.${code}`;
  const params = { ...d, numbers: Array.isArray(d.numbers) ? d.numbers.join(', ') : d.numbers,
    until: d.until || '72 h', available_from: d.available_from,
    program: d.program ? t(`programs.${d.program}`) : t('programs.app') };
  if (has(key)) return t(key, params);
  if (code.startsWith('meta.')) return t('errors.meta.unknown');
  return t('errors.unknown');
}

/// A visible, announced error box: what happened and what to do, in the user's language. Meta's
/// own text (often English), its code and trace id sit under "Detalhes para o suporte", closed by
/// default and copyable.
export function errorBox(err, kind = 'token') {
  const d = (err && err.details) || {};
  const meta = d.meta_code ?? (err && err.code && err.code.startsWith('meta.') ? err.code.slice(5) : null);
  const lines = [
    meta !== null && meta !== undefined ? t('errors.meta_code', { code: meta }) : null,
    d.subcode ? t('errors.subcode', { code: d.subcode }) : null,
    d.trace_id ? t('errors.trace', { trace: d.trace_id }) : null,
    d.meta_message ? t('errors.meta_says', { text: d.meta_message }) : null,
    err && err.code ? t('errors.app_code', { code: err.code }) : null,
  ].filter(Boolean);
  const text = lines.join('\n');
  const copied = h('span', { class: 'muted', role: 'status' });
  const copy = h('button', { type: 'button', class: 'link-button', onclick: async () => {
    copied.textContent = (await copyText(text)) ? t('errors.copied') : t('errors.copy_failed');
  } }, t('errors.copy'));
  const details = lines.length ? h('details', { class: 'support' },
    h('summary', {}, t('errors.support')),
    h('pre', { class: 'code' }, text),
    h('div', { class: 'actions start' }, copy, copied)) : null;
  return h('div', { class: 'error', role: 'alert', tabindex: '-1' },
    h('strong', {}, t('errors.title')),
    h('p', {}, errorText(err, kind)),
    h('p', { class: 'muted' }, t('errors.nothing_lost')),
    details,
  );
}

/// Copies `text`; true only when the copy happened (the screen never says "copiado" otherwise).
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    const area = h('textarea', { readonly: true, 'aria-hidden': 'true', class: 'offscreen' });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (_) { ok = false; }
    area.remove();
    return ok;
  }
}
