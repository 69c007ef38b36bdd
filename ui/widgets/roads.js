// The roads that keep the number, as the core's advisor decided them (`waba_core::roads`): the
// ones that apply in order of what they keep, each with what it keeps and loses, the time off
// the air and who does what; the others folded, each with why. The screen decides nothing.

import { h, announce } from '../dom.js';
import { t, lang, formatDate } from '../i18n.js';
import { openButton } from './opened.js';
import { Mode, RoadId, NotThisRoad, SupportCase } from '../vocabulary.js';
import { mirror, picture } from './mirror.js';
import { confirmModal } from './modal.js';
import { supportRequest } from './support-request.js';

const list = (items) => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);

function roadCard(ctx, r) {
  const lines = [
    h('p', {}, t(`roads.${r.id}.text`)),
    r.keeps.length
      ? h('p', { class: 'ok-text' }, t('roads.keeps', { list: list(r.keeps.map((a) => t(`roads.asset.${a}`))) }))
      : h('p', { class: 'warn-text' }, t('roads.keeps_nothing')),
    r.loses.length && r.keeps.length ? h('p', { class: 'muted' }, t('roads.loses', { list: list(r.loses.map((a) => t(`roads.asset.${a}`))) })) : null,
    h('p', {}, t(`roads.downtime.${r.downtime}`)),
    r.admin_steps.length ? h('p', {}, t('roads.you_do', { list: list(r.admin_steps.map((s) => t(`roads.step.${s}`))) })) : null,
    r.provider_steps.length ? h('p', {}, t('roads.provider_does', { list: list(r.provider_steps.map((s) => t(`roads.step.${s}`))) })) : null,
    r.beta_read_on ? h('p', { class: 'callout' }, t('roads.beta', { date: formatDate(r.beta_read_on) })) : null,
    r.credit_line ? h('div', { class: 'callout' }, h('p', {}, t('roads.credit_line')), supportRequest(ctx, SupportCase.CREDIT_LINE)) : null,
    r.deletable_from ? h('p', { class: 'warn-text' }, t('roads.waits_until', { date: formatDate(r.deletable_from) })) : null,
  ];
  if (r.id === RoadId.CHANGE_PARTNER) {
    const notes = h('div', {});
    lines.push(partnersCopy(ctx),
      h('div', { class: 'actions start' }, openButton(ctx, 'business_settings', 'roads.open_partners', 'open.business_settings', notes)), notes);
  }
  return h('li', { class: 'card road', id: `road-${r.id}` }, h('h3', {}, t(`roads.${r.id}.title`)), ...lines);
}

/// A copy of Meta's Partners tab, with the place of the one click pointed at: the old partner is
/// removed there (the trash), then the new partner's request accepted. In real mode a picture
/// (never a control); in practice the simulated tab acts on the fictional company (the sandbox
/// lists its partners and removes one, refused to a non-admin as on Meta).
function partnersCopy(ctx) {
  const j = ctx.journey || { target: {} };
  const path = h('p', { class: 'muted' }, t('roads.partners.path', { account: j.target.waba_name || '' }));
  const then = h('p', {}, t('roads.partners.then'));
  if (j.mode !== Mode.PRACTICE) {
    return picture('mirror-partners', path,
      h('div', { class: 'row' },
        h('div', { class: 'grow' }, h('strong', {}, t('roads.partners.old')), h('p', { class: 'muted' }, t('roads.partners.access'))),
        h('span', { class: 'preview-button', id: 'partners-remove' }, t('roads.partners.remove')),
        h('span', { class: 'pointer', id: 'partners-pointer' }, t('pin_off.pointer'))),
      then);
  }
  const rows = h('div', { id: 'partners-list', 'aria-live': 'polite' }, h('p', { class: 'muted small' }, t('app.loading')));
  const draw = (partners) => rows.replaceChildren(...(partners.length
    ? partners.map((p) => h('div', { class: 'row' },
      h('div', { class: 'grow' }, h('strong', {}, p.name), h('p', { class: 'muted' }, t('roads.partners.access'))),
      h('button', { type: 'button', class: 'danger', id: `partners-remove-${p.id}`, onclick: () => confirmRemove(p) }, t('roads.partners.remove_button')),
      h('span', { class: 'pointer', id: 'partners-pointer' }, t('pin_off.pointer_practice'))))
    : [h('p', { class: 'ok-text', id: 'partners-none' }, t('roads.partners.none'))]));
  const confirmRemove = (p) => confirmModal({
    id: 'partner-remove',
    title: t('roads.partners.confirm_title', { partner: p.name }),
    body: [t('roads.partners.confirm_text', { partner: p.name })],
    primary: t('roads.partners.confirm_button'),
    danger: true,
    onConfirm: async () => {
      draw(await ctx.call('move_partner_remove_practice', { partnerId: p.id }));
      announce(t('roads.partners.removed', { partner: p.name }));
    },
  });
  ctx.call('move_partners_practice').then(draw, (err) => { rows.textContent = ''; ctx.fail(rows, err); });
  return mirror(true, 'mirror-partners', path, rows, then);
}

/// The advisor's roads, as the core ordered them.
export function roadsSection(ctx, roads) {
  const open = roads.filter((r) => r.applies);
  const closed = roads.filter((r) => !r.applies);
  return h('section', { class: 'roads', id: 'roads', 'aria-labelledby': 'roads-title' },
    h('h2', { id: 'roads-title' }, t('roads.title')),
    h('p', { class: 'muted' }, t('roads.intro')),
    h('ol', { class: 'road-list' }, ...open.map((r) => roadCard(ctx, r))),
    closed.length ? h('details', { class: 'card', id: 'roads-not-here' },
      h('summary', {}, t('roads.not_here')),
      h('ul', {}, ...closed.map((r) => h('li', { id: `road-${r.id}-why` }, h('strong', {}, t(`roads.${r.id}.title`)), ': ', t(`roads.why.${r.why_not}`),
        // An account the old provider owns: only Meta's support moves it (a ready request).
        r.why_not === NotThisRoad.PARTNER_OWNED ? supportRequest(ctx, SupportCase.ON_BEHALF_OF) : '')))) : null);
}
