// The waiting panel: progress from `poll-progress` events, elapsed time, a cancel button.

import { h, announce } from '../dom.js';
import { t, metaLabel } from '../i18n.js';
import { listen } from '../api.js';

export async function waitFor(ctx, holder, command, waitingKey) {
  const line = h('p', { id: 'poll-progress', class: 'muted' }, '');
  // How many times Meta was asked is for support, not for the admin's eye.
  const polls = h('p', { class: 'code', id: 'poll-count' }, '');
  const support = h('details', { class: 'support', id: 'poll-details' }, h('summary', {}, t('errors.support')), polls);
  const started = Date.now();
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'wait-cancel', onclick: () => ctx.act(holder, () => ctx.call('wait_cancel')) }, t('waiting.stop_waiting'));
  const business = (ctx.journey && ctx.journey.target && ctx.journey.target.business_name) || '';
  const panel = h('div', { class: 'waiting', id: 'waiting-panel', role: 'status' },
    h('p', {}, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('strong', {}, t(waitingKey))),
    line,
    h('p', { class: 'muted' }, t('waiting.waiting_usual')),
    h('details', { id: 'meta-different' }, h('summary', {}, t('waiting.different_title')),
      h('ul', {}, ...['different_login', 'different_company', 'different_no_trash', 'different_error']
        .map((k) => h('li', {}, t(`waiting.${k}`, { business }))))),
    h('p', { class: 'muted', id: 'stop-note' }, t('waiting.stop_waiting_note')),
    h('div', { class: 'actions' }, cancel),
    support);
  holder.append(panel);
  const tick = setInterval(() => {
    if (!line.textContent) line.textContent = `${Math.round((Date.now() - started) / 1000)} s`;
  }, 1000);
  const unlisten = await listen('poll-progress', (p) => {
    line.textContent = t('waiting.progress', { next: p.next_in_secs, status: metaLabel('status', p.last_seen) });
    polls.textContent = t('waiting.polls', { attempts: p.attempts, elapsed: p.elapsed_secs });
  });
  try {
    const v = await ctx.call(command);
    return v;
  } catch (err) {
    panel.remove();
    if (err && err.code === 'journey.cancelled') {
      holder.append(h('p', { class: 'muted', id: 'wait-cancelled' }, t('waiting.cancelled')));
      announce(t('waiting.cancelled'));
      holder.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'wait-again', onclick: () => ctx.refresh() }, t('waiting.wait_again'))));
      return null;
    }
    ctx.fail(holder, err);
    holder.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'wait-again', onclick: () => ctx.refresh() }, t('waiting.wait_again'))));
    return null;
  } finally {
    clearInterval(tick);
    unlisten();
  }
}
