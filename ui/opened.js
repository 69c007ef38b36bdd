// What the screen says after asking Rust to open one of Meta's pages: "abrimos" only when the
// browser really opened; otherwise the address to copy.

import { h } from './dom.js';
import { t } from './i18n.js';

/// `opened` is `{ok, url}` from Rust, or null when nothing was asked to open in this screen.
export function openedNote(opened, whereKey, id = 'opened-note') {
  if (!opened) return null;
  if (opened.ok) return h('p', { class: 'ok-text opened-note', id }, t('open.opened', { where: t(whereKey) }));
  const field = h('input', { id: `${id}-url`, type: 'text', readonly: true, value: opened.url, 'aria-labelledby': `${id}-text` });
  field.addEventListener('focus', () => field.select());
  return h('div', { class: 'callout opened-note', id },
    h('p', { id: `${id}-text` }, t('open.failed', { where: t(whereKey) })), field);
}

/// A button that asks Rust to open a page and shows the truthful note under it.
export function openButton(ctx, which, labelKey, whereKey, holder) {
  return h('button', { type: 'button', class: 'link', id: `open-${which}`, onclick: async () => {
    holder.querySelectorAll('.opened-note').forEach((n) => n.remove());
    try {
      holder.append(openedNote(await ctx.call('open_link', { which }), whereKey, `opened-${which}`));
    } catch (err) {
      ctx.fail(holder, err);
    }
  } }, `${t(labelKey)} ↗`);
}
