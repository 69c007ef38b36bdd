// Screen 3, Gerenciador do WhatsApp (the article's Passo 3, `docs/journey.md`): the numbers table, trash icon at the
// row's end.

import { h, icon, whileLoading } from '../dom.js';
import { t, metaLabel } from '../i18n.js';
import { backButton } from './back.js';

export function numbersTable(numbers, onTrash, highlightId) {
  const table = h('table', { class: 'numbers', id: 'numbers-table' },
    h('thead', {}, h('tr', {},
      ...['col_number', 'col_name', 'col_status', 'col_quality', 'col_coexistence', 'col_actions'].map((c) => h('th', { scope: 'col' }, t(`numbers.${c}`))))),
    h('tbody', {}, ...numbers.map((n) => {
      const q = (n.quality_rating || 'UNKNOWN').toUpperCase();
      return h('tr', { class: n.id === highlightId ? 'highlight' : null },
        h('td', {}, h('strong', {}, n.display_phone_number || n.id)),
        h('td', {}, n.verified_name || '—'),
        h('td', {}, h('span', { class: `pill ${n.status === 'CONNECTED' ? 'ok' : 'warn'}` }, metaLabel('status', n.status))),
        h('td', {}, h('span', { class: `quality q-${q.toLowerCase()}` }, metaLabel('quality', q))),
        h('td', {}, n.is_on_biz_app ? t('numbers.yes') : t('numbers.no')),
        h('td', { class: 'end' }, onTrash
          ? h('button', {
            type: 'button', class: 'icon-button trash', id: `trash-${n.id}`,
            'aria-label': t('numbers.trash', { number: n.display_phone_number || n.id }),
            title: t('numbers.trash', { number: n.display_phone_number || n.id }),
            onclick: (e) => onTrash(n, e),
          }, icon('trash'))
          // A preview of Meta's screen: the icon is shown where Meta has it, but it is no control.
          : h('span', { class: 'icon-button trash preview', id: `trash-${n.id}`, title: t('numbers.trash_preview') }, icon('trash'))));
    })));
  return table;
}

export async function renderNumbers(el, ctx) {
  const j = ctx.journey;
  el.append(h('h1', { id: 'title-numbers' }, t('numbers.title')),
    h('p', { class: 'intro' }, t('numbers.intro')),
    h('p', { class: 'muted' }, `${j.target.business_name || ''} › ${j.target.waba_name || ''}`));
  const holder = h('div', { class: 'card' });
  el.append(holder, h('div', { class: 'actions' }, backButton(ctx, 'waba')), h('p', { class: 'guide-note' }, t('app.guide_note')));
  const numbers = await whileLoading(holder, t('app.loading'), ctx.call('list_numbers', { wabaId: j.target.waba_id }));
  if (!numbers.length) {
    holder.append(h('p', { class: 'muted' }, t('numbers.empty')));
    return;
  }
  holder.append(numbersTable(numbers, (n) => ctx.act(holder, async () => ctx.set({ journey: await ctx.call('choose_number', { phoneNumberId: n.id }) }))));
}
