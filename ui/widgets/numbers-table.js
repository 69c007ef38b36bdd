// The numbers table of Meta's WhatsApp Manager. The numbers screen draws it with a labelled
// "Escolher este número" per row (choosing is not deleting); the copy of Meta's screen on the
// deletion step draws the trash icon at the row's end, where Meta has it.

import { h, icon } from '../dom.js';
import { t, metaLabel } from '../i18n.js';

/// `onTrash`: the practice copy's trash icon (null: a preview, no control); `onChoose`: the
/// numbers screen's labelled choice instead of any trash.
export function numbersTable(numbers, onTrash, highlightId, onChoose) {
  const table = h('table', { class: 'numbers', id: 'numbers-table' },
    h('thead', {}, h('tr', {},
      ...['col_number', 'col_name', 'col_status', 'col_quality', 'col_coexistence', onChoose ? 'col_choose' : 'col_actions'].map((c) => h('th', { scope: 'col' }, t(`numbers.${c}`))))),
    h('tbody', {}, ...numbers.map((n) => {
      const q = (n.quality_rating || 'UNKNOWN').toUpperCase();
      return h('tr', { class: n.id === highlightId ? 'highlight' : null },
        h('td', {}, h('strong', {}, n.display_phone_number || n.id)),
        h('td', {}, n.verified_name || '—'),
        h('td', {}, h('span', { class: `pill ${n.status === 'CONNECTED' ? 'ok' : 'warn'}` }, metaLabel('status', n.status))),
        h('td', {}, h('span', { class: `quality q-${q.toLowerCase()}` }, metaLabel('quality', q))),
        h('td', {}, n.is_on_biz_app ? t('numbers.yes') : t('numbers.no')),
        h('td', { class: 'end' }, onChoose
          ? h('button', { type: 'button', class: 'secondary', id: `choose-${n.id}`, onclick: () => onChoose(n) },
            t('numbers.choose'), h('span', { class: 'visually-hidden' }, ` ${n.display_phone_number || n.id}`))
          : onTrash
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
