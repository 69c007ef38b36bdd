// "Liberar vários números desta conta": tick numbers of the account on screen, type the account's
// name, and follow each number in a progress list (`release-progress` events; a redraw asks
// `release_batch_state`). Rust checks every rule again (`docs/support.md`).

import { h, announce } from '../dom.js';
import { t } from '../i18n.js';
import { listen } from '../api.js';
import { confirmModal } from './modal.js';
import { folderButton } from './opened.js';
import { ReleaseRoad, ReleaseStatus } from '../vocabulary.js';

// One listener for the whole page: a redraw replaces the list it fills.
let stopListening = null;

function statusText(n) {
  if (!n.result) return t('release.pending');
  const r = n.result;
  const code = r.error && r.error.code ? ` (${t('errors.meta_code', { code: r.error.code })})` : '';
  return `${t(`release.${r.status}`)}${code}`;
}

/// Finished well: disconnected (app, close), ready to move or moved (provider).
const finished = (n) => n.result && [ReleaseStatus.RELEASED, ReleaseStatus.READY_TO_MOVE, ReleaseStatus.MOVED].includes(n.result.status);

function drawProgress(ctx, box, v) {
  box.textContent = '';
  box.append(h('h3', {}, t('release.progress_title')));
  box.append(h('ul', { id: 'release-progress', class: 'progress-list' },
    ...v.numbers.map((n) => h('li', { id: `release-${n.phone_number_id}`, class: finished(n) ? 'ok-text' : null },
      `${n.display_phone_number || n.phone_number_id}: ${statusText(n)}`))));
  if (v.running) {
    box.append(h('p', { class: 'muted', role: 'status' }, t('release.running')));
    return;
  }
  const released = v.numbers.filter(finished).length;
  const done = t('release.done', { released, total: v.numbers.length });
  box.append(h('p', { class: 'ok-text', id: 'release-done', role: 'status' }, done));
  if (v.stopped) box.append(h('p', { class: 'callout', id: 'release-stopped' }, t('release.stopped')));
  if (v.report_html) {
    const line = h('div', { class: 'saved-file', id: 'release-report' });
    line.append(h('p', {}, t('release.report'), ' ', folderButton(ctx, v.report_html, 'release-report', line)));
    box.append(line);
  }
}

/// The card under the numbers table; `account` is `{ id, name }` of the account on screen.
export function releaseBatch(ctx, numbers, account) {
  const box = h('div', { id: 'release-box', 'aria-live': 'polite' });
  const boxes = numbers.map((n) => h('input', { type: 'checkbox', id: `release-pick-${n.id}`, value: n.id }));
  // The road, asked once for the run: it decides whether anything is disconnected.
  const roads = [ReleaseRoad.PROVIDER, ReleaseRoad.APP, ReleaseRoad.CLOSE].map((road) => ({
    road,
    input: h('input', { type: 'radio', name: 'release-road', id: `release-road-${road}`, value: road }),
  }));
  const road = () => (roads.find((r) => r.input.checked) || {}).road;
  const start = h('button', { type: 'button', class: 'danger', id: 'release-start', disabled: true }, t('release.start', { count: 0 }));
  const picked = () => boxes.filter((b) => b.checked).map((b) => b.value);
  const refresh = () => {
    start.disabled = picked().length === 0 || !road();
    start.className = road() === ReleaseRoad.PROVIDER ? 'primary' : 'danger';
    start.textContent = t('release.start', { count: picked().length });
  };
  boxes.forEach((b) => b.addEventListener('change', refresh));
  roads.forEach((r) => r.input.addEventListener('change', refresh));
  start.addEventListener('click', () => {
    const ids = picked();
    const chosen = road();
    const moving = chosen === ReleaseRoad.PROVIDER;
    confirmModal({
      id: 'release-modal',
      title: t('release.modal_title', { count: ids.length, account: account.name }),
      body: [t(moving ? 'release.modal_lines_provider' : 'release.modal_lines')],
      inputLabel: t('release.modal_label', { account: account.name }),
      expected: (v) => v.trim().toLowerCase() === String(account.name).trim().toLowerCase(),
      primary: t(moving ? 'release.confirm_provider' : 'release.confirm'),
      danger: !moving,
      onConfirm: async (typed) => {
        const v = await ctx.call('release_batch_start', { wabaId: account.id, phoneNumberIds: ids, typedName: typed, road: chosen });
        drawProgress(ctx, box, v);
      },
    });
  });
  const details = h('details', { class: 'card release-batch', id: 'release-batch' },
    h('summary', {}, t('release.title')),
    h('p', {}, t('release.intro')),
    h('fieldset', { id: 'release-roads' }, h('legend', {}, t('release.road_legend')),
      ...roads.map((r) => h('label', { class: 'check' }, r.input, ` ${t(`release.road_${r.road}`)}`))),
    h('fieldset', {}, h('legend', {}, t('release.legend')),
      ...numbers.map((n, i) => h('label', { class: 'check' }, boxes[i], ` ${n.display_phone_number || n.id} · ${n.verified_name || ''}`))),
    h('div', { class: 'actions start' }, start),
    box);
  if (stopListening) stopListening();
  stopListening = null;
  listen('release-progress', (v) => {
    if (!box.isConnected || v.account_id !== account.id) return;
    // The run ended: the table above is read again (the numbers now show as disconnected);
    // the redraw shows this same list from `release_batch_state`.
    if (v.running) { drawProgress(ctx, box, v); return; }
    const released = v.numbers.filter(finished).length;
    announce(t('release.done', { released, total: v.numbers.length }));
    ctx.refresh();
  }).then((un) => { stopListening = un; });
  // A batch of this account already running or ended (a redraw): shown as it is.
  ctx.call('release_batch_state').then((v) => {
    if (v && v.account_id === account.id) {
      details.open = true;
      drawProgress(ctx, box, v);
    }
  }).catch(() => {});
  return details;
}
