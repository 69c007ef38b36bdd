// Screen 7 (the article's Passos 5-6, `docs/journey.md`): Business Settings' WABA page, the three-dots menu with
// "Remover do Portfólio Empresarial", the "Excluir conta" pop-up (type the WABA's name).
// Skipped, with the reason, when other numbers remain.

import { h, icon, announce, whileLoading, clear } from '../dom.js';
import { t } from '../i18n.js';
import { confirmModal } from '../widgets/modal.js';
import { waitFor } from '../widgets/waiting.js';
import { openedNote, openButton, idDetails } from '../widgets/opened.js';
import { mirror } from '../widgets/mirror.js';
import { Mode } from '../vocabulary.js';
import { guideNote } from '../widgets/guide-note.js';

export async function renderRemoveWaba(el, ctx) {
  const j = ctx.journey;
  const practice = j.mode === Mode.PRACTICE;
  const waba = j.target.waba_name || j.target.waba_id;
  const wabaName = j.target.waba_name || '';
  el.append(h('h1', { id: 'title-remove_waba' }, t('remove_waba.title')),
    h('p', { class: 'intro' }, t('remove_waba.intro')));
  const status = h('div', { id: 'waba-status', 'aria-live': 'polite' });
  const done = h('p', { class: 'ok-text' }, t('delete_number.confirmed'));
  el.append(done);

  async function wait() {
    const v = await waitFor(ctx, status, 'remove_waba_wait', 'remove_waba.waiting');
    if (v) {
      announce(t('remove_waba.confirmed'));
      await ctx.set({ journey: v });
    }
  }

  if (j.waba_confirmed_at) {
    el.append(status, guideNote(ctx));
    if (!practice) {
      const note = h('div', {});
      note.append(...[openedNote(ctx.lastOpened, 'open.business_settings')].filter(Boolean));
      status.append(note, h('p', { class: 'callout' }, t('remove_waba.real_next')),
        openButton(ctx, 'business_settings', 'remove_waba.reopen', 'open.business_settings', note));
    }
    if (practice && !j.practice_waba_removed) {
      try {
        await ctx.call('remove_waba_practice');
      } catch (err) {
        ctx.fail(status, err);
        return;
      }
    }
    await wait();
    return;
  }

  const info = await whileLoading(el, t('remove_waba.loading'), ctx.call('remove_waba_info'));

  const keep = (reason) => h('button', { type: 'button', class: info.other_numbers.length ? 'primary' : 'secondary', id: 'waba-keep',
    onclick: () => ctx.act(el, async () => ctx.set({ journey: await ctx.call('remove_waba_skip', { reason }) })) }, info.other_numbers.length ? t('remove_waba.keep') : t('remove_waba.keep_choice'));

  if (info.other_numbers.length) {
    el.append(h('div', { class: 'card', id: 'waba-others' },
      h('p', {}, t('remove_waba.others_remain', { waba, count: info.other_numbers.length, numbers: info.other_numbers.join(', ') })),
      h('div', { class: 'actions' }, keep(t('remove_waba.keep_reason_others')))));
    return;
  }

  if (info.app_subscribed && !j.unsubscribed_app) {
    const res = h('div', { 'aria-live': 'polite' });
    el.append(h('div', { class: 'card', id: 'partner-card' },
      h('h2', {}, t('remove_waba.partner_title')),
      h('p', {}, info.app_name ? t('remove_waba.partner_text_named', { app: info.app_name }) : t('remove_waba.partner_text')), res,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'partner-unsubscribe', onclick: () => confirmModal({
        id: 'partner-popup', title: t('remove_waba.partner_popup_title'), body: [t('remove_waba.partner_popup_body'), t('remove_waba.partner_popup_undo')],
        inputLabel: t('remove_waba.partner_popup_label', { waba: wabaName }), expected: (v) => v.trim().toLowerCase() === wabaName.trim().toLowerCase(),
        primary: t('remove_waba.partner_popup_button'),
        onConfirm: async (typedName) => {
          await ctx.set({ journey: await ctx.call('remove_waba_unsubscribe_app', { typedName }) }, { draw: false });
          clear(res);
          res.append(h('p', { class: 'ok-text' }, t('remove_waba.partner_done')));
          announce(t('remove_waba.partner_done'));
          document.getElementById('partner-unsubscribe')?.setAttribute('hidden', '');
        },
      }) }, t('remove_waba.partner_button')))));
  }

  const menu = h('div', { class: 'menu', role: 'menu', id: 'waba-menu', hidden: true },
    h('button', { type: 'button', role: 'menuitem', class: 'menu-danger', id: 'menu-remove', onclick: () => { hideMenu(); openModal(); } }, t('remove_waba.menu_remove')));
  const dots = h('button', { type: 'button', class: 'icon-button', id: 'waba-more', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-label': t('remove_waba.more'), title: t('remove_waba.more'), onclick: () => (menu.hidden ? showMenu() : hideMenu()) }, icon('dots'));
  function showMenu() { menu.hidden = false; dots.setAttribute('aria-expanded', 'true'); menu.querySelector('button').focus(); }
  function hideMenu() { menu.hidden = true; dots.setAttribute('aria-expanded', 'false'); }
  menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') { hideMenu(); dots.focus(); } });

  function openModal() {
    // Practice: the copy of Meta's "Excluir conta" acts on the fictional company. Real mode: the
    // pop-up is titled and buttoned for what it does (opens Meta's page) and says where the
    // irreversible click is (on Meta's screen); the typed name stays.
    confirmModal({
      id: 'delete-waba',
      title: t(practice ? 'remove_waba.modal_title' : 'remove_waba.real_modal_title'),
      body: practice
        ? [t('remove_waba.modal_text', { waba, business: j.target.business_name || '' })]
        : [t('remove_waba.real_modal_text', { waba, business: j.target.business_name || '' })],
      inputLabel: t('remove_waba.modal_label', { waba }),
      expected: (v) => v.trim().toLowerCase() === String(waba).trim().toLowerCase(),
      primary: t(practice ? 'remove_waba.delete_account' : 'remove_waba.real_modal_button'),
      danger: practice,
      onConfirm: async (typed) => {
        const r = await ctx.call('remove_waba_confirm', { typedName: typed });
        // Not awaited: the next screen waits for Meta; the pop-up closes now.
        ctx.set({ lastOpened: r.opened, journey: r.journey });
      },
    });
  }

  // Practice: the copy of Meta's three-dots menu acts on the fictional company. Real mode: the
  // copy is a preview, and the one real action has its own button.
  const anchor = practice
    ? h('div', { class: 'menu-anchor' }, dots, menu)
    : h('span', { class: 'icon-button preview', id: 'waba-more', title: t('remove_waba.more_preview') }, icon('dots'));
  el.append(mirror(practice, 'waba-page',
    h('p', { class: 'muted', id: 'waba-path' }, t('remove_waba.path', { waba })),
    h('div', { class: 'row' },
      h('div', { class: 'grow' }, h('strong', {}, waba), idDetails(j.target.waba_id)),
      anchor, h('span', { class: 'pointer', id: 'dots-pointer' }, t('remove_waba.dots_pointer')))),
  practice ? '' : h('div', { class: 'actions start' },
    h('button', { type: 'button', class: 'danger', id: 'waba-open', onclick: openModal }, t('remove_waba.open_button'))),
  status,
  h('div', { class: 'actions' }, keep(t('remove_waba.keep_reason_choice'))),
  guideNote(ctx));
}
