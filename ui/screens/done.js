// Screen 8, Concluído (the article's Considerações finais, `docs/journey.md`): receipt, reminder, and the next
// steps of the road taken (reconnecting and charges after a deletion; the PIN and the card after a move).

import { h, announce } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { openButton, savedLine, splitPath } from '../widgets/opened.js';
import { JourneyPath, Mode } from '../vocabulary.js';

export async function renderDone(el, ctx) {
  const j = ctx.journey;
  const target = j.target;
  el.append(h('h1', { id: 'title-done' }, t('done.title')));
  if (j.mode === Mode.PRACTICE) el.append(h('p', { class: 'callout', id: 'practice-note' }, t('done.practice_note')));
  const facts = h('div', { class: 'card', id: 'done-summary' });
  if (j.number_removed) facts.append(h('p', { class: 'ok-text' }, t('done.number_removed', { number: target.display_phone_number, date: formatDate(j.number_removed.verified_at) })));
  if (j.waba_removed) facts.append(h('p', { class: 'ok-text' }, t('done.waba_removed', { waba: target.waba_name, date: formatDate(j.waba_removed.verified_at) })));
  if (j.path === JourneyPath.MOVE) facts.append(h('p', { class: 'ok-text', id: 'done-moved' }, t('done.moved')));
  if (j.waba_skipped) facts.append(h('p', {}, t('done.waba_kept', { waba: target.waba_name, reason: j.waba_skipped })));
  if (j.overrides && j.overrides.length) facts.append(h('p', { class: 'warn-text' }, t('done.overrides', { list: j.overrides.map((o) => t(`checks.${o}.title`)).join(', ') })));
  const freeOn = j.free_to_move_on;
  const toApp = j.path === JourneyPath.BACK_TO_APP;
  // Back to the phone: the day is said once, in "Agora, no celular" below.
  if (freeOn && !toApp) facts.append(h('p', { id: 'free-on' }, t('done.free_on', { date: formatDate(freeOn) })));
  const saved = h('div', { 'aria-live': 'polite', id: 'done-saved' });
  const save = (cmd) => async () => {
    try {
      const p = await ctx.call(cmd);
      if (p) {
        saved.append(savedLine(ctx, p, 'done.saved', `saved-${saved.children.length}`));
        announce(t('done.saved', splitPath(p)));
      }
    } catch (err) {
      ctx.fail(saved, err);
    }
  };
  facts.append(saved, h('div', { class: 'actions' },
    freeOn ? h('button', { type: 'button', class: 'secondary', id: 'save-reminder', onclick: save('reminder_save') }, t('done.reminder')) : null,
    h('button', { type: 'button', class: 'primary', id: 'save-receipt', onclick: save('receipt_save') }, t('done.receipt'))));
  // The last screen speaks of the road taken only: after a move, what the new provider and the
  // admin still do; after a deletion, coming back later and the charges that stay.
  const moved = j.path === JourneyPath.MOVE;
  const charges = h('div', { class: 'card', id: 'done-charges' }, h('h2', {}, t('done.charges_title')), h('p', {}, t('done.charges_text')),
    h('div', { class: 'actions start' },
      openButton(ctx, 'billing', 'done.open_billing', 'open.billing', saved),
      openButton(ctx, 'insights', 'done.open_insights', 'open.insights', saved)));
  const roadCards = moved
    ? [h('div', { class: 'card', id: 'done-move-next' }, h('h2', {}, t('done.move_next_title')),
      h('p', {}, j.pin_off_said_at ? t('done.move_next_pin_said') : t('done.move_next_pin')),
      h('p', {}, t('done.move_next_provider')))]
    : toApp
      // Back to the phone: the app on the phone, once Meta frees the number; charges stay.
      ? [h('div', { class: 'card', id: 'done-app-next' }, h('h2', {}, t('done.app_next_title')),
        h('p', {}, freeOn ? t('done.app_next_text_on', { date: formatDate(freeOn) }) : t('done.app_next_text'))), charges]
      : [h('div', { class: 'card', id: 'done-reconnect' }, h('h2', {}, t('done.reconnect_title')), h('p', {}, t('done.reconnect_text'))), charges];
  // Templates live on a platform account: their restore belongs to the roads that lead to one,
  // not to the phone's app.
  const restore = toApp ? null : h('div', { class: 'card', id: 'restore-entry' }, h('h2', {}, t('restore.title')), h('p', {}, t('restore.entry_done')),
    h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'secondary', id: 'open-restore', onclick: () => ctx.set({ restoring: true }) }, t('restore.title'))));
  el.append(facts, ...roadCards, ...(restore ? [restore] : []),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'another', onclick: () => ctx.act(el, async () => {
      await ctx.call('journey_close');
      // A new rehearsal starts from the whole fictional company again.
      if (j.mode === Mode.PRACTICE) await ctx.set({ status: await ctx.call('practice_start', { fresh: true }) }, { draw: false });
      await ctx.startJourney();
    }) }, t(moved ? 'done.another_moved' : 'done.another'))));
}
