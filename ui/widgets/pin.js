// "Esqueci o PIN": a new two-step PIN for the number, set through Meta's API from Rust. The PIN is
// typed twice in a pop-up, goes to Rust once, and is never kept or shown again.

import { h, announce } from '../dom.js';
import { t, formatDate } from '../i18n.js';
import { confirmModal } from './modal.js';

const sixDigits = (v) => /^\d{6}$/.test(v || '');

/// The "Esqueci o PIN" button and what it reports, for a screen before the disconnect.
export function pinResetBox(ctx, id = 'pin-reset') {
  const j = ctx.journey;
  const holder = h('div', { class: 'pin-reset', id });
  const result = h('div', { 'aria-live': 'polite' });
  if (j.target.coexistence) {
    holder.append(h('p', { class: 'muted' }, t('pin.coexistence')));
    return holder;
  }
  if (j.pin_reset_at) result.append(h('p', { class: 'ok-text', id: `${id}-done` }, t('pin.done', { date: formatDate(j.pin_reset_at) })));
  const open = () => confirmModal({
    id: 'pin-modal',
    title: t('pin.title'),
    body: [t('pin.text', { number: j.target.display_phone_number || '' }), t('pin.not_kept')],
    inputLabel: t('pin.confirm_label'),
    expected: (v) => v.replace(/\D/g, '').length === 4,
    secrets: [
      { id: 'new', label: t('pin.new_label'), maxlength: 6 },
      { id: 'again', label: t('pin.again_label'), maxlength: 6 },
    ],
    secretsOk: (s) => sixDigits(s.new) && s.new === s.again,
    primary: t('pin.submit'),
    danger: false,
    onConfirm: async (typed, _answers, secrets) => {
      const v = await ctx.call('checks_pin_reset', { typedLast4: typed, pin: secrets.new, pinAgain: secrets.again });
      await ctx.set({ journey: v }, { draw: false });
      result.textContent = '';
      result.append(h('p', { class: 'ok-text', id: `${id}-done` }, t('pin.done', { date: formatDate(v.pin_reset_at) })));
      announce(t('pin.done', { date: formatDate(v.pin_reset_at) }));
    },
  });
  holder.append(h('button', { type: 'button', class: 'secondary', id: `${id}-open`, onclick: open }, t('pin.button')), result);
  return holder;
}

/// "Reconectar o número": after the disconnect, while Meta has not deleted the number, the number
/// goes back to sending and receiving with its two-step PIN (typed twice). Says what it costs
/// (one of Meta's 10 connections and disconnections per 72 hours) before anything is sent.
export function reconnectBox(ctx) {
  const j = ctx.journey;
  const result = h('div', { 'aria-live': 'polite' });
  const open = () => confirmModal({
    id: 'reconnect-modal',
    title: t('reconnect.title'),
    body: [t('reconnect.text', { number: j.target.display_phone_number || '' }), j.deregisters_left <= 3 ? t('reconnect.cost', { left: j.deregisters_left }) : t('reconnect.cost_plain'), t('reconnect.pin_hint')],
    secrets: [
      { id: 'pin', label: t('reconnect.pin_label'), maxlength: 6 },
      { id: 'again', label: t('reconnect.again_label'), maxlength: 6 },
    ],
    secretsOk: (v) => sixDigits(v.pin) && v.pin === v.again,
    primary: t('reconnect.submit'),
    danger: false,
    onConfirm: async (_typed, _answers, secrets) => {
      const v = await ctx.call('number_reconnect', { pin: secrets.pin, pinAgain: secrets.again });
      announce(t('reconnect.done'));
      await ctx.set({ journey: v });
    },
  });
  return h('div', { class: 'card', id: 'reconnect-card' },
    h('h2', {}, t('reconnect.heading')),
    h('p', {}, t('reconnect.intro')),
    h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'secondary', id: 'reconnect-open', disabled: j.deregisters_left === 0, onclick: open }, t('reconnect.button'))),
    j.deregisters_left === 0 ? h('p', { class: 'muted' }, t('reconnect.no_budget')) : null,
    result);
}
