// "Versão nova": one line under the top bar when a newer published version exists. Rust decides
// when to ask (at most once a day) and whether an install may start now (never during a
// disconnect, a wait for Meta, a restore or a release); this line only shows what it answers and
// offers the install again once the thing it waited for has ended.

import { h, clear, announce } from '../dom.js';
import { t, lang, formatDateTime } from '../i18n.js';
import { call, listen, errorBox } from '../api.js';

let last = null;
let installing = false;
/// While an install waits for something to end, the line asks again now and then (a local call,
/// no network) so the offer comes back when it ends, whatever screen is shown.
let recheck = null;

/// What Rust said last (the settings' "Sobre" reads it).
export function updateInfo() {
  return last;
}

/// Asks Rust again (no network unless a day has passed) and draws the line.
export async function refreshUpdateLine() {
  if (installing) return;
  let now;
  try {
    now = await call('update_state');
  } catch (_) {
    return; // the line is an offer, never an obstacle: "Sobre" says what is known
  }
  // Drawn again only when the answer changed: a redraw of the screen never takes the focus
  // off the line's button or hides an error it shows.
  const changed = JSON.stringify(now) !== JSON.stringify(last);
  last = now;
  if (changed) draw();
  clearTimeout(recheck);
  if (last && last.available && last.busy) recheck = setTimeout(refreshUpdateLine, 15000);
}

function holder() {
  return document.getElementById('update-line');
}

function draw(error) {
  const box = holder();
  if (!box) return;
  clear(box);
  const u = last;
  if (!u || !u.enabled) return;
  if (u.installed) {
    box.append(h('div', { class: 'callout update', id: 'update-installed' },
      h('p', {}, t('update.installed', { version: u.installed })),
      h('div', { class: 'actions start' },
        h('button', { type: 'button', class: 'primary', id: 'update-restart', onclick: restart }, t('update.restart')))));
    return;
  }
  if (!u.available) return;
  const a = u.available;
  const notes = (lang === 'en' ? a.notes.en : a.notes.pt) || '';
  const parts = [h('p', { id: 'update-available' }, h('strong', {}, t('update.available', { version: a.version })), ' ', notes)];
  if (u.busy) {
    parts.push(h('p', { class: 'muted', id: 'update-after' }, t('update.after', { what: t(`update.busy.${u.busy}`) })));
  } else {
    parts.push(h('div', { class: 'actions start' },
      h('button', { type: 'button', class: 'secondary', id: 'update-install', onclick: () => install(a.version) },
        t(u.restarts_by_itself ? 'update.install_restarts' : 'update.install', { version: a.version }))));
  }
  const card = h('div', { class: 'callout update', id: 'update-offer' }, ...parts);
  if (error) card.append(error);
  box.append(card);
}

async function install(version) {
  const box = holder();
  const button = box && box.querySelector('#update-install');
  if (button) button.disabled = true;
  installing = true;
  const line = h('p', { id: 'update-progress', role: 'status' }, t('update.downloading'));
  if (box) box.querySelector('#update-offer').append(line);
  announce(t('update.downloading'));
  const unlisten = await listen('update-progress', (p) => {
    line.textContent = p.total
      ? t('update.progress', { percent: Math.min(100, Math.round((p.received / p.total) * 100)) })
      : t('update.downloading');
  });
  try {
    last = await call('update_install', { version });
    installing = false;
    draw();
    announce(t('update.installed', { version }));
  } catch (err) {
    installing = false;
    // What runs now, or a newer answer, is read again before the line is drawn.
    try { last = await call('update_state'); } catch (_) { /* keep the last answer */ }
    draw(errorBox(err));
    announce(t('update.failed_line'));
  } finally {
    unlisten();
  }
}

async function restart() {
  try {
    await call('update_restart');
  } catch (err) {
    draw(errorBox(err));
  }
}

/// "Sobre": whether this copy looks for updates and what it last heard, one sentence.
export function aboutUpdates(info) {
  if (!info) return t('update.about_unknown');
  if (!info.enabled) return t('update.about_off');
  if (info.installed) return t('update.installed', { version: info.installed });
  const when = info.checked_at ? formatDateTime(info.checked_at) : null;
  if (info.available) return t('update.about_available', { version: info.available.version, when });
  if (info.check_failed) return t('update.about_failed', { when });
  return when ? t('update.about_latest', { when }) : t('update.about_on');
}
