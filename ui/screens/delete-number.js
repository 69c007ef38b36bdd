// Screen 6 (the article's Passos 3-4, `docs/journey.md`): the mirrored WhatsApp Manager table; the trash icon opens the
// "Excluir número" pop-up (type the last 4 digits, "Avançar"). Then: deregister once where it
// applies; in real mode Meta's screen opens in the browser; in practice mode this mirrored screen
// acts on the sandbox. Only the API's answer moves on.

import { changeMind } from '../widgets/change-mind.js';
import { h, announce } from '../dom.js';
import { t } from '../i18n.js';
import { confirmModal } from '../widgets/modal.js';
import { pinResetBox, reconnectBox } from '../widgets/pin.js';
import { mirror } from '../widgets/mirror.js';
import { numbersTable } from '../widgets/numbers-table.js';
import { waitFor } from '../widgets/waiting.js';
import { openedNote, openButton } from '../widgets/opened.js';
import { DeregisterOutcome, Mode, PollTarget } from '../vocabulary.js';
import { guideNote } from '../widgets/guide-note.js';

function deregisterText(d) {
  if (!d) return null;
  if (d.outcome === DeregisterOutcome.SENT) return t('delete_number.deregister_sent');
  // `reason` is one of Rust's `NotNeeded` names (a test holds every one to a sentence).
  if (d.outcome === DeregisterOutcome.NOT_NEEDED) return t(`delete_number.deregister_not_needed_${d.reason}`);
  return null;
}

export async function renderDeleteNumber(el, ctx) {
  const j = ctx.journey;
  const practice = j.mode === Mode.PRACTICE;
  const number = j.target.display_phone_number;
  el.append(h('h1', { id: 'title-delete_number' }, t('delete_number.title')),
    h('p', { class: 'intro' }, t('delete_number.intro')),
    h('p', { class: 'muted' }, `${j.target.business_name || ''} › ${j.target.waba_name || ''}`));
  const status = h('div', { id: 'delete-status', 'aria-live': 'polite' });
  const row = { id: j.target.phone_number_id, display_phone_number: number, verified_name: j.target.verified_name,
    status: j.deregister && j.deregister.outcome === DeregisterOutcome.SENT ? 'DISCONNECTED' : 'CONNECTED', quality_rating: '—', is_on_biz_app: j.target.coexistence };

  const confirmed = !!j.number_confirmed_at;
  // The API applies a disconnect only to a number registered on it (not Coexistence).
  const disconnects = j.target.registered === true && j.target.coexistence !== true
    && !(j.deregister && j.deregister.outcome === DeregisterOutcome.SENT);
  const actionLabel = disconnects ? t('delete_number.disconnect_button') : t('delete_number.open_meta_button');
  // The one real action of this screen, with its own honest button and pop-up.
  const openDisconnect = () => confirmModal({
    id: 'delete-number',
    title: disconnects ? t('delete_number.modal_title_disconnect') : t('delete_number.modal_title_open'),
    body: [disconnects ? t('delete_number.modal_text_disconnect', { number }) : t('delete_number.modal_text_open', { number }),
      t('delete_number.modal_loss'),
      // Meta's budget, said only when it matters (3 or fewer left).
      disconnects && j.deregisters_left <= 3 ? t('delete_number.deregisters_left', { left: j.deregisters_left }) : null].filter(Boolean),
    questions: [
      { id: 'admin', label: t('delete_number.q_admin'), hint: t('delete_number.q_admin_hint') },
      { id: 'pin', label: t('delete_number.q_pin'), hint: t('delete_number.q_pin_hint') },
    ],
    inputLabel: t('delete_number.modal_label'),
    expected: (v) => v.replace(/\D/g, '').length === 4,
    primary: actionLabel,
    onConfirm: async (typed, answers) => {
      const r = await ctx.call('delete_number_confirm', { typedLast4: typed, answers: { admin_on_meta: !!answers.admin, knows_pin: !!answers.pin } });
      // Not awaited: the next screen may wait for Meta for minutes; the pop-up closes now.
      ctx.set({ lastOpened: r.opened, journey: r.journey });
    },
  });
  // Practice: the copy of Meta's trash icon acts on the fictional company, after the disconnect.
  // Real mode: the copy is a preview; Meta's own screen does the deletion.
  const onTrash = practice ? () => (confirmed ? practiceDelete() : openDisconnect()) : null;
  async function practiceDelete() {
    status.textContent = '';
    // Meta's screen asks for the two-step PIN of a number that is still connected.
    if (j.meta_asks_pin) {
      confirmModal({
        id: 'practice-pin',
        title: t('delete_number.pin_title'),
        body: [t('delete_number.pin_text', { number })],
        secrets: [{ id: 'pin', label: t('delete_number.pin_label'), maxlength: 6 }],
        secretsOk: (v) => /^\d{6}$/.test(v.pin),
        primary: t('delete_number.pin_submit'),
        onConfirm: async (_typed, _answers, secrets) => {
          await ctx.call('delete_number_practice', { pin: secrets.pin });
          wait();
        },
      });
      return;
    }
    try {
      await ctx.call('delete_number_practice', {});
      await wait();
    } catch (err) {
      ctx.fail(status, err);
    }
  }
  async function wait() {
    const v = await waitFor(ctx, status, 'delete_number_wait', 'delete_number.waiting');
    if (v) {
      announce(t('delete_number.confirmed'));
      await ctx.set({ journey: v });
    }
  }

  // While waiting, the status comes first (above the fold), then the copy of Meta's screen.
  if (confirmed) el.append(status);
  el.append(mirror(practice, 'mirror-numbers', numbersTable([row], onTrash, row.id),
    practice ? null : h('p', { class: 'pointer-note', id: 'trash-pointer' }, t('delete_number.trash_pointer'))));
  if (!confirmed && j.reconnected_at) {
    el.append(h('p', { class: 'ok-text', id: 'reconnected' }, t('reconnect.done')));
  }
  if (!confirmed) {
    // Before anything irreversible: moving the number elsewhere needs the PIN off, and Meta's
    // screen asks for the PIN; "Esqueci o PIN" is the way out.
    el.append(h('div', { class: 'card', id: 'pin-before' },
      h('p', { id: 'pin-off-note' }, t('delete_number.pin_off_before_move')),
      pinResetBox(ctx, 'pin-reset-delete')));
    el.append(h('div', { class: 'actions start' },
      h('button', { type: 'button', class: 'danger', id: 'disconnect-open', onclick: openDisconnect }, actionLabel)));
    const back = changeMind(ctx, j, 'change-mind-delete');
    if (back) el.append(back);
  }
  if (!confirmed) el.append(status);
  el.append(guideNote(ctx));

  if (confirmed) {
    const d = deregisterText(j.deregister);
    if (d) status.append(h('p', { class: 'ok-text', id: 'deregister-result' }, d));
    // The way back while Meta has not deleted the number (below the copy of Meta's screen).
    if (j.may_reconnect) el.insertBefore(reconnectBox(ctx), el.querySelector('.guide-note'));
    if (practice) {
      status.append(h('p', { class: 'callout', id: 'practice-next' }, t('delete_number.practice_next')));
      // Resumed after the manual step (or relaunched while waiting): keep verifying.
      if (j.practice_number_deleted || j.waiting === PollTarget.NUMBER) await wait();
      else document.getElementById(`trash-${row.id}`).focus();
    } else {
      const note = h('div', {});
      note.append(...[openedNote(ctx.lastOpened, 'open.whatsapp_manager')].filter(Boolean));
      status.append(note, h('p', { class: 'callout' }, t('delete_number.real_next', { number })),
        openButton(ctx, 'whatsapp_manager', 'delete_number.reopen', 'open.whatsapp_manager', note));
      await wait();
    }
  } else if (j.deregister && j.deregister.outcome === DeregisterOutcome.UNKNOWN) {
    status.append(h('p', { class: 'callout', id: 'deregister-unknown' }, t('delete_number.deregister_unknown')));
  } else if (j.deregister && j.deregister.outcome === DeregisterOutcome.FAILED) {
    ctx.fail(status, { code: `meta.${j.deregister.code}`, details: { meta_code: j.deregister.code, trace_id: j.deregister.trace_id } });
  }
}
