// What the screen says after asking Rust to open one of Meta's pages: "abrimos" only when the
// browser really opened; otherwise the address to copy.

import { h } from '../dom.js';
import { t } from '../i18n.js';

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

/// A saved file as the admin reads it: its name, then the name of the folder it is in ("Remover
/// número da BM"), never a long path ("Abrir pasta" shows the folder itself).
export function splitPath(p) {
  const s = String(p);
  const i = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
  const dir = i > 0 ? s.slice(0, i) : '';
  const j = Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\'));
  return { name: s.slice(i + 1), folder: dir.slice(j + 1) };
}

/// "Abrir pasta" for a file the app saved: Rust opens it only for its own files, and the note
/// says whether the file manager really opened (otherwise the folder to copy).
export function folderButton(ctx, path, id, holder) {
  return h('button', { type: 'button', class: 'link', id: `${id}-folder`, onclick: async () => {
    holder.querySelectorAll('.folder-note').forEach((n) => n.remove());
    try {
      const o = await ctx.call('folder_open', { path });
      if (o.ok) {
        holder.append(h('p', { class: 'ok-text folder-note', id: `${id}-folder-note` }, t('files.folder_opened')));
      } else {
        const field = h('input', { id: `${id}-folder-path`, type: 'text', readonly: true, value: o.url, 'aria-labelledby': `${id}-folder-text` });
        field.addEventListener('focus', () => field.select());
        holder.append(h('div', { class: 'callout folder-note', id: `${id}-folder-note` },
          h('p', { id: `${id}-folder-text` }, t('files.folder_failed')), field));
      }
    } catch (err) {
      ctx.fail(holder, err);
    }
  } }, t('files.open_folder'));
}

/// The line shown after a save: "Salvo: nome — na pasta …" and "Abrir pasta".
export function savedLine(ctx, path, key, id) {
  const holder = h('div', { class: 'saved-file', id });
  holder.append(h('p', { class: 'ok-text' }, t(key, splitPath(path)), ' ', folderButton(ctx, path, id, holder)));
  return holder;
}

/// Meta's id of a portfolio or account, for support only: under a closed "Identificação na Meta".
export function idDetails(id) {
  return h('details', { class: 'ids' }, h('summary', {}, t('app.meta_id')), h('span', { class: 'code' }, id));
}
