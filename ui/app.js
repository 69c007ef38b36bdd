// The shell: top bar, the steps sidebar, and one screen at a time, chosen from the journey's stage.

import { h, clear, announce } from './dom.js';
import { t, setLanguage, lang, formatTime } from './i18n.js';
import { call, connectionKind, errorBox, errorText } from './api.js';
import { renderConnect } from './screens/connect.js';
import { renderBusiness } from './screens/business.js';
import { renderWaba } from './screens/waba.js';
import { renderNumbers } from './screens/numbers.js';
import { renderChecks } from './screens/checks.js';
import { renderBackup } from './screens/backup.js';
import { renderDeleteNumber } from './screens/delete-number.js';
import { renderRemoveWaba } from './screens/remove-waba.js';
import { renderDone } from './screens/done.js';
import { renderPath } from './screens/path.js';
import { renderMove } from './screens/move.js';
import { renderRestore } from './screens/restore.js';
import { openSettings } from './widgets/settings.js';
import { confirmModal } from './widgets/modal.js';
import { loginButton } from './widgets/login.js';
import { refreshUpdateLine } from './widgets/update-line.js';
import { JourneyPath, Mode, Stage } from './vocabulary.js';

const STEPS = ['connect', 'business', 'waba', 'numbers', 'path', 'checks', 'backup', 'delete_number', 'remove_waba', 'done'];
// The move path: nothing is removed, so the removal's steps are not shown.
const STEPS_MOVE = ['connect', 'business', 'waba', 'numbers', 'path', 'move', 'done'];
const STAGE_TO_STEP = {
  choose_business: 'business', choose_waba: 'waba', choose_number: 'numbers', checks: 'checks', move: 'move',
  backup: 'backup', delete_number: 'delete_number', remove_waba: 'remove_waba', done: 'done',
};
const RENDER = {
  connect: renderConnect, business: renderBusiness, waba: renderWaba, numbers: renderNumbers, path: renderPath,
  checks: renderChecks, move: renderMove, backup: renderBackup, delete_number: renderDeleteNumber,
  remove_waba: renderRemoveWaba, done: renderDone, restore: renderRestore,
};

/// Every piece of the UI's state, declared here. It changes only through `ctx.set` (assigning
/// `ctx.x = …` throws), so every change is seen and the screen drawn again when asked.
const state = {
  /// What `app_info` answered at launch (version, settings, an unfinished journey).
  info: null,
  /// The connection (`token_status`).
  status: null,
  /// The journey as Rust sees it (`JourneyView`).
  journey: null,
  settings: {},
  /// "Trocar conta": the connect screen over a journey.
  forceConnect: false,
  /// "Restaurar modelos" is open.
  restoring: false,
  /// A launch error, shown once by the connect screen.
  bootError: null,
  /// What the last "Abrir …" answered (whether the browser opened), for the screen's note.
  lastOpened: null,
  /// The screen shown now (a step name).
  screen: null,
  /// The element the screens are drawn in.
  main: null,
};

const ctx = {
  call,
  /// The one way the UI's state changes: the fields named in `patch` are replaced, then the
  /// screen is drawn again unless `draw` is false.
  async set(patch, { draw = true } = {}) {
    for (const key of Object.keys(patch)) {
      if (!(key in state)) throw new Error(`unknown UI state: ${key}`);
    }
    Object.assign(state, patch);
    if (draw) await render();
  },
  async refresh() {
    await this.set({ journey: await call('journey_state') });
  },
  showConnect() {
    return this.set({ forceConnect: true });
  },
  async startJourney() {
    await this.set({ forceConnect: false, journey: await call('journey_start') });
  },
  /// Runs a screen action; any failure becomes the error sentence in `container` (never an
  /// unhandled rejection the admin cannot see).
  async act(container, fn) {
    try {
      return await fn();
    } catch (err) {
      this.fail(container, err);
      return undefined;
    }
  },
  fail(container, err) {
    const kind = connectionKind(this.status);
    const box = errorBox(err, kind);
    const code = err && err.code;
    // An expired or refused token: log in again, and the journey goes on where it stopped.
    if (code === 'meta.190' && this.status && (this.status.expires_at || this.status.mode === Mode.PRACTICE)) {
      box.append(loginButton(this, { id: `login-again-${container.children.length}`, label: t('login.again'), practice: this.status.mode === Mode.PRACTICE }));
    } else if (['meta.200', 'meta.10'].includes(code) && kind === 'facebook') {
      // Another way on besides "Tentar de novo": the account she signed in with lacks access.
      box.append(loginButton(this, { id: `login-other-${container.children.length}`, label: t('errors.other_account'), practice: false, rerequest: true }));
    } else if (['meta.200', 'meta.10', 'meta.102'].includes(code) && kind === 'token') {
      box.append(h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'secondary', id: `switch-account-${container.children.length}`, onclick: () => this.showConnect() }, t('errors.switch_account'))));
    }
    container.append(box);
    announce(errorText(err, kind));
    // Where the eye is: the error comes into view and takes focus.
    box.scrollIntoView({ block: 'nearest' });
    box.focus({ preventScroll: true });
    return box;
  },
};
for (const key of Object.keys(state)) {
  Object.defineProperty(ctx, key, {
    enumerable: true,
    get: () => state[key],
    set: () => { throw new Error(`ctx.${key} changes through ctx.set`); },
  });
}

function currentStep() {
  if (ctx.forceConnect || !ctx.status || !ctx.status.connected || !ctx.journey) return 'connect';
  if (ctx.restoring) return 'restore';
  // Once the number is chosen, the admin first says whether it moves or closes.
  if (ctx.journey.stage === Stage.CHECKS && !ctx.journey.path) return 'path';
  return STAGE_TO_STEP[ctx.journey.stage] || 'business';
}

function renderTopbar() {
  const bar = clear(document.getElementById('topbar'));
  const practice = ctx.status && ctx.status.mode === Mode.PRACTICE;
  const items = [
    h('span', { class: 'brand' }, t('app.title')),
    ctx.status && ctx.status.connected
      ? h('span', { id: 'mode-badge', class: practice ? 'badge practice' : 'badge real' }, practice ? t('app.practice_badge') : t('app.real_badge'))
      : null,
    h('span', { class: 'spacer' }),
    practice && !ctx.forceConnect ? h('button', { id: 'connect-real', class: 'link', type: 'button', onclick: () => ctx.showConnect() }, t('app.connect_real')) : null,
    h('button', { id: 'lang-toggle', type: 'button', class: 'link', onclick: toggleLanguage }, t('app.language_toggle')),
    h('button', { id: 'help-button', type: 'button', class: 'link', onclick: openHelp }, t('app.help')),
    h('button', { id: 'settings-button', type: 'button', class: 'link', onclick: () => openSettings(ctx) }, t('app.settings')),
  ];
  bar.append(...items.filter(Boolean));
}

/// The help pop-up, on every screen: the article the app follows, and where to get support.
function openHelp() {
  confirmModal({
    id: 'help',
    title: t('app.help_title'),
    body: [t('app.help_article'), t('app.help_support')],
    primary: t('app.close'),
    danger: false,
    onConfirm: async () => {},
  });
}

function renderSidebar(step) {
  const list = clear(document.getElementById('steps'));
  list.parentElement.setAttribute('aria-label', t('app.steps_label'));
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('app.skip_to_content');
  const steps = ctx.journey && ctx.journey.path === JourneyPath.MOVE ? STEPS_MOVE : STEPS;
  const at = steps.indexOf(step);
  steps.forEach((s, i) => {
    const li = h('li', { class: i < at ? 'past' : i === at ? 'current' : 'future', 'aria-current': i === at ? 'step' : null },
      h('span', { class: 'num', 'aria-hidden': 'true' }, i < at ? '✓' : String(i)),
      h('span', {}, t(`steps.${s}`)));
    list.append(li);
  });
}

/// A user token from the Facebook login that ends within 30 minutes: said before a step that
/// might outlast it.
function sessionNote() {
  const until = ctx.status && ctx.status.connected && ctx.status.expires_at;
  if (!until || new Date(until) - Date.now() > 30 * 60 * 1000) return null;
  return h('p', { class: 'callout', id: 'session-expiring', role: 'status' },
    t('login.expiring', { time: formatTime(until) }));
}

async function render() {
  const step = currentStep();
  const changed = step !== ctx.screen;
  await ctx.set({ screen: step }, { draw: false });
  renderTopbar();
  renderSidebar(step);
  const main = clear(ctx.main);
  const screen = h('section', { class: 'screen', id: `screen-${step}`, 'aria-labelledby': `title-${step}` });
  const expiring = sessionNote();
  if (expiring) main.append(expiring);
  main.append(screen);
  try {
    await RENDER[step](screen, ctx);
  } catch (err) {
    ctx.fail(screen, err);
    screen.append(h('button', { type: 'button', class: 'secondary', id: 'screen-retry', onclick: () => ctx.act(screen, () => ctx.refresh()) }, t('app.retry')));
  }
  if (changed) {
    const title = screen.querySelector('h1');
    if (title) { title.setAttribute('tabindex', '-1'); title.focus(); }
  }
  // A new version is offered again once what it waited for has ended (Rust decides).
  refreshUpdateLine();
}

async function toggleLanguage() {
  const next = lang === 'pt-BR' ? 'en' : 'pt-BR';
  await setLanguage(next);
  const settings = await call('settings_set', { settings: { ...ctx.settings, language: next } }).catch(() => ctx.settings);
  await ctx.set({ settings, screen: null });
}

function resumeBanner(resume) {
  return new Promise((resolve) => {
    const main = clear(ctx.main);
    const number = resume.number || '';
    main.append(h('section', { class: 'screen', id: 'screen-resume' },
      h('h1', { id: 'title-resume', tabindex: '-1' }, t('resume.title')),
      h('div', { class: 'card' },
        h('p', {}, t('resume.text', { number, waba: resume.waba || '' })),
        h('p', { class: 'muted', id: 'resume-where' }, t('resume.where', {
          mode: resume.mode === Mode.PRACTICE ? t('resume.mode_practice') : t('resume.mode_real'),
          step: t(`steps.${STAGE_TO_STEP[resume.stage] || 'business'}`),
        })),
        h('div', { class: 'actions' },
          h('button', { id: 'resume-discard', type: 'button', class: 'secondary', onclick: () => {
            // A number left off WhatsApp is named before its journey is left behind.
            if (!resume.disconnected) { resolve(false); return; }
            confirmModal({
              id: 'resume-discard-modal',
              title: t('resume.discard_title', { number }),
              body: [t('resume.discard_disconnected', { number })],
              primary: t('resume.discard_anyway'),
              onConfirm: async () => resolve(false),
            });
          } }, t('resume.discard')),
          h('button', { id: 'resume-continue', type: 'button', class: 'primary', onclick: () => resolve(true) }, t('resume.continue', { number })),
        ))));
    main.querySelector('h1').focus();
  });
}

/// The first launch: the two ways in, in the admin's words. Resolves `real` or `practice`.
function welcome() {
  return new Promise((resolve) => {
    const main = clear(ctx.main);
    renderSidebar('connect');
    main.append(h('section', { class: 'screen', id: 'screen-welcome', 'aria-labelledby': 'title-welcome' },
      h('h1', { id: 'title-welcome', tabindex: '-1' }, t('welcome.title')),
      h('p', { class: 'intro' }, t('welcome.intro')),
      h('div', { class: 'choices' },
        h('div', { class: 'card choice' },
          h('h2', {}, t('welcome.real_title')),
          h('p', {}, t('welcome.real_text')),
          h('button', { id: 'welcome-real', type: 'button', class: 'primary', onclick: () => resolve('real') }, t('welcome.real_button'))),
        h('div', { class: 'card choice' },
          h('h2', {}, t('welcome.practice_title')),
          h('p', {}, t('welcome.practice_text')),
          h('button', { id: 'welcome-practice', type: 'button', class: 'secondary', onclick: () => resolve('practice') }, t('welcome.practice_button')))),
      h('p', { class: 'muted' }, t('welcome.later'))));
    main.querySelector('h1').focus();
  });
}

async function boot() {
  await ctx.set({ main: document.getElementById('main'), info: await call('app_info') }, { draw: false });
  await ctx.set({ settings: ctx.info.settings || {} }, { draw: false });
  await setLanguage(ctx.settings.language || 'pt-BR');
  renderTopbar();
  renderSidebar('connect');
  clear(ctx.main).append(h('p', { class: 'muted', role: 'status' }, t('app.loading')));

  try {
    await ctx.set({ status: await call('token_status') }, { draw: false });
  } catch (err) {
    await ctx.set({ status: { connected: false }, bootError: err }, { draw: false });
  }
  const resume = ctx.info.resume;
  let continueOld = false;
  if (resume) {
    continueOld = await resumeBanner(resume);
    if (continueOld && resume.mode === Mode.PRACTICE && (!ctx.status.connected || ctx.status.mode !== Mode.PRACTICE)) {
      await ctx.set({ status: await call('practice_start', { fresh: false }) }, { draw: false });
    }
  }
  // A first launch asks, in the admin's words, whether to connect their account or rehearse
  // first, and remembers it; later launches with no saved token follow that choice
  // (`docs/journey.md`).
  const fresh = !ctx.status.connected && !ctx.status.saved && !resume && !ctx.bootError;
  if (fresh && !ctx.settings.start_with) {
    const choice = await welcome();
    const settings = { ...ctx.settings, start_with: choice };
    await ctx.set({ settings: await call('settings_set', { settings }).catch(() => settings) }, { draw: false });
  }
  const rehearse = ctx.settings.start_with !== Mode.REAL || (continueOld && resume.mode === Mode.PRACTICE);
  if (!ctx.status.connected && !ctx.status.saved && !(continueOld && resume.mode === Mode.REAL) && !ctx.bootError && rehearse) {
    await ctx.set({ status: await call('practice_start', { fresh: !continueOld }) }, { draw: false });
  }
  if (ctx.status.connected) {
    await ctx.set({ journey: await call(continueOld ? 'journey_state' : 'journey_start') }, { draw: false });
  }
  await render();
  // Every damaged file the app set aside while starting (the journey's journal, a restore's,
  // the practice company…) is named once: nothing is lost silently.
  const aside = await call('files_set_aside').catch(() => []);
  aside.forEach((path, i) => {
    const journal = /journey\.json\.damaged-\d+$/.test(path);
    ctx.main.prepend(h('p', { class: 'callout', id: journal ? 'journal-set-aside' : `file-set-aside-${i}`, role: 'status' },
      t(journal ? 'app.journal_set_aside' : 'app.file_set_aside', { path })));
  });
}

window.addEventListener('DOMContentLoaded', () => {
  boot().catch((err) => {
    const main = clear(document.getElementById('main'));
    main.append(errorBox(err));
  });
});

export { ctx };
