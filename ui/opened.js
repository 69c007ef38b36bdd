// What the screen says after asking Rust to open one of Meta's pages: "abrimos" only when the
// browser really opened; otherwise the address to copy.

import { h } from './dom.js';
import { t } from './i18n.js';

/// `opened` is `{ok, url}` from Rust, or null when nothing was asked to open in this screen.
export function openedNote(opened, whereKey) {
  if (!opened) return null;
  if (opened.ok) return h('p', { class: 'ok-text', id: 'opened-note' }, t('open.opened', { where: t(whereKey) }));
  const field = h('input', { id: 'open-url', type: 'text', readonly: true, value: opened.url, 'aria-labelledby': 'open-failed' });
  field.addEventListener('focus', () => field.select());
  return h('div', { class: 'callout', id: 'opened-note' },
    h('p', { id: 'open-failed' }, t('open.failed', { where: t(whereKey) })), field);
}

/// A button that asks Rust to open a page and shows the truthful note under it.
export function openButton(ctx, which, labelKey, whereKey, holder) {
  return h('button', { type: 'button', class: 'link', id: `open-${which}`, onclick: async () => {
    const old = holder.querySelector('#opened-note');
    if (old) old.remove();
    try {
      holder.append(openedNote(await ctx.call('open_link', { which }), whereKey));
    } catch (err) {
      ctx.fail(holder, err);
    }
  } }, `${t(labelKey)} ↗`);
}
