// Screen 5, Backup: save dialog, write, re-read; deletion stays locked until it is verified or
// explicitly skipped by typing PULAR BACKUP.

import { h, announce } from '../dom.js';
import { t } from '../i18n.js';
import { verifiedText } from '../widgets/verified.js';
import { splitPath, folderButton } from '../widgets/opened.js';
import { changeMind } from '../widgets/change-mind.js';

export async function renderBackup(el, ctx) {
  const phrase = ctx.journey.skip_backup_phrase;
  el.append(h('h1', { id: 'title-backup' }, t('backup.title')),
    h('p', { class: 'intro' }, t('backup.intro')));
  const status = h('div', { id: 'backup-status', 'aria-live': 'polite' });
  const save = h('button', { type: 'button', class: 'primary', id: 'backup-save' }, t('backup.save'));
  save.addEventListener('click', async () => {
    status.textContent = '';
    save.disabled = true;
    status.append(h('p', { class: 'muted progress', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('backup.saving')));
    try {
      const s = await ctx.call('backup_save');
      status.textContent = '';
      if (!s) {
        status.append(h('p', { class: 'muted' }, t('backup.cancelled')));
        save.disabled = false;
        return;
      }
      const msg = verifiedText(s);
      const box = h('div', { class: 'ok-box', id: 'backup-verified' }, h('p', {}, msg),
        h('p', {}, t('backup.saved_at', { ...splitPath(s.path) })),
        s.html_path ? h('p', { id: 'backup-html' }, t('backup.html_saved', splitPath(s.html_path))) : null);
      box.append(h('p', {}, folderButton(ctx, s.path, 'backup-file', box)));
      status.append(box);
      announce(msg);
      save.hidden = true;
      const next = h('button', { type: 'button', class: 'primary', id: 'backup-continue', onclick: () => ctx.refresh() }, t('backup.continue'));
      status.append(h('div', { class: 'actions' }, next));
      next.focus();
    } catch (err) {
      status.textContent = '';
      ctx.fail(status, err);
      save.disabled = false;
    }
  });
  el.append(h('div', { class: 'card' },
    h('p', {}, t('backup.includes')),
    h('p', { class: 'warn-text' }, t('backup.no_messages')),
    status,
    h('div', { class: 'actions' }, save)));

  const typed = h('input', { id: 'skip-input', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const skip = h('button', { type: 'button', class: 'danger', id: 'backup-skip', disabled: true }, t('backup.skip'));
  const skipResult = h('div', { 'aria-live': 'polite' });
  typed.addEventListener('input', () => { skip.disabled = typed.value.trim() !== phrase; });
  skip.addEventListener('click', async () => {
    try {
      await ctx.set({ journey: await ctx.call('backup_skip', { typed: typed.value }) });
    } catch (err) {
      ctx.fail(skipResult, err);
    }
  });
  el.append(h('details', { class: 'card' },
    h('summary', {}, t('backup.skip_title')),
    h('p', {}, t('backup.skip_text', { phrase })),
    h('label', { for: 'skip-input' }, t('backup.skip_label', { phrase })),
    typed, skipResult,
    h('div', { class: 'actions' }, skip)));
  const back = changeMind(ctx, ctx.journey, 'change-mind-backup');
  if (back) el.append(back);
}
