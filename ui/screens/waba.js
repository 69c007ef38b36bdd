// Screen 2, Contas do WhatsApp (the article's Passo 2, `docs/journey.md`): the left settings menu, the WABAs with their
// status, and "Gerenciador do WhatsApp" at the end of the details.

import { idDetails } from '../widgets/opened.js';
import { h, whileLoading } from '../dom.js';
import { t, metaLabel } from '../i18n.js';
import { backButton } from '../widgets/back.js';
import { Stage } from '../vocabulary.js';
import { guideNote } from '../widgets/guide-note.js';

export async function renderWaba(el, ctx) {
  const j = ctx.journey;
  el.append(h('h1', { id: 'title-waba' }, t('waba.title')),
    h('p', { class: 'intro' }, t('waba.intro')));
  const menu = h('nav', { class: 'settings-menu', 'aria-label': t('waba.menu_accounts') },
    h('div', { class: 'menu-item muted' }, t('waba.menu_users')),
    h('div', { class: 'menu-group' }, t('waba.menu_accounts')),
    h('div', { class: 'menu-item active', 'aria-current': 'page' }, t('waba.menu_whatsapp')),
    h('div', { class: 'menu-item muted' }, t('waba.menu_billing')));
  const panel = h('div', { class: 'grow' });
  el.append(h('div', { class: 'bm-layout' }, menu, panel), h('div', { class: 'actions' }, backButton(ctx, Stage.CHOOSE_BUSINESS)), guideNote(ctx));

  const { owned, client } = await whileLoading(panel, t('app.loading'), ctx.call('list_wabas', { businessId: j.target.business_id }));
  const all = [...owned.map((w) => ({ w, kind: 'owned' })), ...client.map((w) => ({ w, kind: 'client' }))];
  if (!all.length) panel.append(h('p', { class: 'muted' }, t('waba.empty')));
  const list = h('ul', { class: 'cards', id: 'waba-list' });
  for (const { w, kind } of all) {
    const status = w.account_review_status || '—';
    const send = w.health_status && w.health_status.can_send_message;
    list.append(h('li', { class: 'card' },
      h('div', { class: 'row' },
        h('div', { class: 'grow' },
          h('strong', {}, w.name || t('waba.unnamed')),
          idDetails(w.id),
          h('div', {}, h('span', { class: `pill ${status === 'APPROVED' ? 'ok' : 'bad'}` }, metaLabel('review', status)),
            ' ', send ? h('span', { class: `pill ${send === 'AVAILABLE' ? 'ok' : 'warn'}` }, metaLabel('can_send', send)) : null,
            ' ', h('span', { class: 'pill', id: `waba-kind-${w.id}` }, w.run_by_partner ? t('waba.run_by_partner', { partner: w.run_by_partner }) : t(`waba.${kind}`))),
          numbersOf(w),
        )),
      h('div', { class: 'actions end' },
        h('button', { type: 'button', class: 'primary', id: `waba-${w.id}`,
          onclick: () => ctx.act(el, async () => ctx.set({ journey: await ctx.call('choose_waba', { wabaId: w.id }) })) }, t('waba.open_manager')))));
  }
  panel.append(list);
}

/// The numbers an account holds, so the admin recognises her account by her number.
function numbersOf(w) {
  if (!Array.isArray(w.numbers)) return h('p', { class: 'muted small' }, t('waba.numbers_unread'));
  if (!w.numbers.length) return h('p', { class: 'muted small', id: `waba-numbers-${w.id}` }, t('waba.numbers_none'));
  return h('div', { id: `waba-numbers-${w.id}` }, h('span', { class: 'small' }, t('waba.numbers')),
    h('ul', { class: 'plain small' }, ...w.numbers.map((n) => h('li', {},
      n.verified_name ? `${n.display_phone_number || n.id} · ${n.verified_name}` : (n.display_phone_number || n.id)))));
}
