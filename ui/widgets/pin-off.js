// The one step a move needs from the admin on Meta's site: turning the two-step PIN off, guided
// like the deletion. A copy of WhatsApp Manager's two-step screen (real mode: a picture with the
// place pointed at; practice: the simulated screen acts on the fictional company), the button
// that opens WhatsApp Manager, and "Já desliguei", recorded as the admin's word: no API reads the
// PIN (`docs/meta-rules.md` §12).

import { h } from '../dom.js';
import { t, formatDateTime } from '../i18n.js';
import { mirror, picture } from './mirror.js';
import { openButton } from './opened.js';
import { Mode, SupportCase } from '../vocabulary.js';
import { supportRequest } from './support-request.js';

export function pinOffStep(ctx, j) {
  const notes = h('div', {});
  const out = h('div', { 'aria-live': 'polite' });
  const practice = j.mode === Mode.PRACTICE;
  const path = h('p', { class: 'muted' }, t('pin_off.mirror_path'));
  // Real mode: where Meta has its button, never a control here. Practice: the simulated screen
  // turns the PIN off in the fictional company (at once: Meta's e-mail step is said, not played).
  const copy = !practice
    ? picture('mirror-two-step', path,
      h('div', { class: 'row' },
        h('div', { class: 'grow' }, h('strong', {}, t('pin_off.mirror_title')), h('p', { class: 'muted' }, t('pin_off.mirror_state'))),
        h('span', { class: 'preview-button', id: 'two-step-turn-off' }, t('pin_off.mirror_button')),
        h('span', { class: 'pointer', id: 'two-step-pointer' }, t('pin_off.pointer'))))
    : mirror(true, 'mirror-two-step', path,
      h('div', { class: 'row' },
        h('div', { class: 'grow' }, h('strong', {}, t('pin_off.mirror_title')),
          h('p', { class: j.practice_pin_off ? 'ok-text' : 'muted', id: 'two-step-state' }, t(j.practice_pin_off ? 'pin_off.mirror_state_off' : 'pin_off.mirror_state'))),
        j.practice_pin_off ? null : h('button', { type: 'button', class: 'danger', id: 'two-step-turn-off',
          onclick: () => ctx.act(out, async () => ctx.set({ journey: await ctx.call('move_pin_off_practice') })) }, t('pin_off.mirror_button')),
        j.practice_pin_off ? null : h('span', { class: 'pointer', id: 'two-step-pointer' }, t('pin_off.pointer_practice'))),
      j.practice_pin_off ? h('p', { class: 'muted', id: 'two-step-practice-note' }, t('pin_off.practice_note')) : null);
  const said = j.pin_off_said_at
    ? h('p', { class: 'ok-text', id: 'pin-off-said' }, t('pin_off.said', { time: formatDateTime(j.pin_off_said_at) }))
    : h('div', { class: 'actions start' },
      h('button', { type: 'button', class: 'secondary', id: 'pin-off-done',
        onclick: () => ctx.act(out, async () => ctx.set({ journey: await ctx.call('move_pin_off_said') })) }, t('pin_off.done')));
  return h('div', { class: 'pin-off-step', id: 'pin-off-step' },
    copy,
    h('p', {}, t('pin_off.email')),
    h('p', { class: 'muted' }, t('pin_off.why')),
    h('div', { class: 'actions start' }, openButton(ctx, 'whatsapp_manager', 'pin_off.open', 'open.whatsapp_manager', notes)),
    notes, said,
    h('p', { class: 'muted' }, t('pin_off.not_verifiable')),
    out,
    h('details', { id: 'pin-off-cannot' }, h('summary', {}, t('support.cant_turn_off')), supportRequest(ctx, SupportCase.PIN_UNKNOWN)));
}
