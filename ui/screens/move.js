// "Levar para outro provedor ou conta": what Meta requires of the number, read now, item by item;
// the PIN (not readable) as a step to do; the migration card to copy or save; the same backup.
// Nothing is deleted or disconnected here.

import { h, announce, whileLoading } from '../dom.js';
import { t, metaLabel } from '../i18n.js';
import { savedLine, splitPath } from '../widgets/opened.js';
import { verifiedText } from '../widgets/verified.js';
import { MoveItemId, MoveStatus, JourneyPath } from '../vocabulary.js';
import { roadsSection } from '../widgets/roads.js';
import { pinOffStep } from '../widgets/pin-off.js';

const TAG = { pass: 'pass', fail: 'fail', unknown: 'unknown', todo: 'warn', info: 'info' };

function sentence(item) {
  const f = item.facts || {};
  const base = `move.${item.id}`;
  if (item.status === MoveStatus.UNKNOWN) return t('move.unknown');
  if (item.id === MoveItemId.DISPLAY_NAME) return t(`${base}.${item.status}`, { name: f.name || '—', status: metaLabel('name', f.name_status) });
  if (item.id === MoveItemId.WABA_APPROVED) return t(`${base}.${item.status}`, { review: metaLabel('review', f.review) });
  return t(`${base}.${item.status}`);
}

export async function renderMove(el, ctx) {
  const j = ctx.journey;
  el.append(h('h1', { id: 'title-move' }, t('move.title')),
    h('p', { class: 'intro' }, t('move.intro', { number: j.target.display_phone_number || '' })));
  const holder = h('div', { 'aria-live': 'polite' });
  el.append(holder);
  const report = await whileLoading(holder, t('move.reading'), ctx.call('move_readiness'));
  const list = h('ul', { class: 'checklist', id: 'move-list' });
  for (const item of report.items) {
    const notes = h('div', {});
    const extra = item.id === MoveItemId.PIN_OFF ? [pinOffStep(ctx, j)] : [];
    list.append(h('li', { class: `check-item ${TAG[item.status]}`, id: `move-${item.id}` },
      h('span', { class: `status-tag ${TAG[item.status]}` }, t(`move.status_${item.status}`)),
      h('div', { class: 'grow' }, h('strong', {}, t(`move.${item.id}.title`)), h('p', {}, sentence(item)), ...extra)));
  }
  // The advisor's roads first (what keeps the most), then the migration's requirements.
  holder.append(roadsSection(ctx, report.roads),
    h('h2', { id: 'move-requirements' }, t('move.requirements_title')),
    h('p', { class: report.ready ? 'ok-text' : 'warn-text', id: 'move-verdict' }, report.ready ? t('move.ready') : t('move.not_ready')), list);

  // The card for the new provider: copy or save (never a token).
  const card = await ctx.call('move_card');
  const cardOut = h('div', { 'aria-live': 'polite' });
  const text = h('textarea', { id: 'move-card-text', readonly: true, rows: 14, 'aria-labelledby': 'move-card-title' });
  text.textContent = card.text;
  const copy = h('button', { type: 'button', class: 'secondary', id: 'move-card-copy', onclick: async () => {
    cardOut.textContent = '';
    try {
      await navigator.clipboard.writeText(card.text);
      cardOut.append(h('p', { class: 'ok-text' }, t('move.copied')));
    } catch {
      text.focus();
      text.select();
      cardOut.append(h('p', { class: 'muted' }, t('move.copy_by_hand')));
    }
  } }, t('move.copy'));
  const save = h('button', { type: 'button', class: 'secondary', id: 'move-card-save', onclick: () => ctx.act(cardOut, async () => {
    cardOut.textContent = '';
    const p = await ctx.call('move_card_save');
    if (p) {
      cardOut.append(savedLine(ctx, p, 'move.card_saved', 'move-card-saved'));
      announce(t('move.card_saved', splitPath(p)));
    }
  }) }, t('move.save_card'));
  el.append(h('div', { class: 'card', id: 'move-card' },
    h('h2', { id: 'move-card-title' }, t('move.card_title')),
    h('p', { class: 'muted' }, t('move.card_intro')),
    text, h('div', { class: 'actions start' }, copy, save), cardOut));

  // The same backup as the removal.
  const backupOut = h('div', { 'aria-live': 'polite' });
  const backup = h('button', { type: 'button', class: 'secondary', id: 'move-backup', onclick: () => ctx.act(backupOut, async () => {
    backupOut.textContent = '';
    backup.disabled = true;
    try {
      const s = await whileLoading(backupOut, t('backup.saving'), ctx.call('backup_save'));
      if (s) {
        backupOut.append(h('p', { class: 'ok-text', id: 'move-backup-done' }, verifiedText(s)), savedLine(ctx, s.path, 'backup.saved_at', 'move-backup-file'));
      }
    } finally {
      backup.disabled = false;
    }
  }) }, t('move.backup'));
  el.append(h('div', { class: 'card', id: 'move-backup-card' }, h('h2', {}, t('move.backup_title')), h('p', {}, t('move.backup_text')),
    h('div', { class: 'actions start' }, backup), backupOut));

  const endOut = h('div', {});
  el.append(endOut, h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', id: 'move-to-close', onclick: () => ctx.act(endOut, async () => ctx.set({ journey: await ctx.call('path_choose', { path: JourneyPath.CLOSE }) })) }, t('move.change_mind')),
    h('button', { type: 'button', class: 'primary', id: 'move-finish', onclick: () => ctx.act(endOut, async () => ctx.set({ journey: await ctx.call('move_finish') })) }, t('move.finish'))));
}
