// "Restaurar modelos de um backup": a backup file this app wrote, the destination WABA, a preview
// with what is created and what is skipped and why, then the creation with progress, "Parar", and a
// report. Rust checks the file, plans, creates within Meta's limits and journals every template.

import { h, announce, clear, whileLoading, busyWhile } from '../dom.js';
import { confirmModal } from '../widgets/modal.js';
import { t, has, lang, formatDate, formatTime } from '../i18n.js';
import { listen } from '../api.js';
import { savedLine, splitPath } from '../widgets/opened.js';
import { Mode } from '../vocabulary.js';

export async function renderRestore(el, ctx) {
  el.append(h('h1', { id: 'title-restore' }, t('restore.title')), h('p', { class: 'intro' }, t('restore.intro')));
  const back = h('button', { type: 'button', class: 'secondary', id: 'restore-back', onclick: () => ctx.set({ restoring: false }) }, `← ${t('restore.back')}`);
  const body = h('div', { 'aria-live': 'polite' });
  el.append(body, h('div', { class: 'actions' }, back));

  const status = await ctx.call('restore_state');
  if (status.running || status.unfinished) return progressCard(body, ctx, status);
  fileCard(body, ctx);
}

function fileCard(body, ctx) {
  const out = h('div', {});
  const pick = h('button', { type: 'button', class: 'primary', id: 'restore-pick', onclick: () => ctx.act(out, async () => {
    clear(out);
    const f = await ctx.call('restore_open');
    if (!f) { out.append(h('p', { class: 'muted' }, t('restore.no_file'))); return; }
    out.append(h('div', { class: 'ok-box', id: 'restore-file' },
      h('p', {}, t('restore.file', { name: f.file_name, templates: f.templates })),
      h('p', {}, t('restore.source', { waba: f.source_waba_name || f.source_waba || '—', number: f.source_number || '—', date: formatDate(f.created_at) }))));
    await destinationCard(out, ctx, f);
  }) }, t('restore.pick'));
  body.append(h('div', { class: 'card' }, h('h2', {}, t('restore.step_file')), h('p', { class: 'muted' }, t('restore.file_hint')),
    h('div', { class: 'actions start' }, pick), out));
}

async function destinationCard(holder, ctx, file) {
  const card = h('div', { class: 'card', id: 'restore-destination' }, h('h2', {}, t('restore.step_destination')));
  holder.append(card);
  const businesses = await whileLoading(card, t('restore.loading'), ctx.call('list_businesses'));
  for (const b of businesses) {
    const lists = await whileLoading(card, t('restore.loading'), ctx.call('list_wabas', { businessId: b.id }));
    const all = [...lists.owned, ...lists.client];
    card.append(h('h3', {}, b.name || b.id),
      h('div', { class: 'actions start wrap' }, ...all.map((w) => h('button', { type: 'button', class: 'secondary', id: `restore-to-${w.id}`,
        onclick: () => ctx.act(card, () => previewCard(holder, ctx, file, b.id, w, false)) }, w.id === file.source_waba ? t('restore.same_waba', { name: w.name || w.id }) : (w.name || w.id)))));
  }
}

async function previewCard(holder, ctx, file, businessId, waba, includeNotApproved) {
  holder.querySelectorAll('#restore-preview').forEach((n) => n.remove());
  const card = h('div', { class: 'card', id: 'restore-preview' }, h('h2', {}, t('restore.step_preview', { waba: waba.name || waba.id })));
  holder.append(card);
  const v = await whileLoading(card, t('restore.loading'), ctx.call('restore_plan', { businessId, wabaId: waba.id, includeNotApproved }));
  const p = v.plan;
  const dest = v.dest_name || '';
  const line = (id, key, n) => h('li', { id }, t(key, { count: n }));
  card.append(h('ul', { class: 'counts' },
    line('plan-create', 'restore.to_create', p.to_create),
    line('plan-duplicates', 'restore.duplicates', p.duplicates),
    line('plan-status', 'restore.by_status', p.by_status),
    line('plan-media', 'restore.media', p.media),
    line('plan-category', 'restore.category', p.category),
    p.incomplete ? line('plan-incomplete', 'restore.incomplete', p.incomplete) : ''));
  const include = h('input', { type: 'checkbox', id: 'restore-include', checked: includeNotApproved });
  include.addEventListener('change', () => ctx.act(card, () => previewCard(holder, ctx, file, businessId, waba, include.checked)));
  card.append(h('label', { class: 'check' }, include, t('restore.include_not_approved')));
  if (v.items.length) card.append(itemsList(v.items, dest || waba.name || ''));
  const skipped = p.skipped;
  if (skipped.length) {
    card.append(h('details', { id: 'restore-skipped' }, h('summary', {}, t('restore.skipped_list', { count: p.total - p.to_create })),
      h('ul', {}, ...skipped.map((i) => h('li', {}, `${i.name} (${languageWords(i.language)}): ${t(`restore.why_${i.skip}`)}`)))));
  }
  // Both actions publish under the admin's account: each asks for the account's name, and Rust
  // compares it with the name Meta gave.
  const typed = (value) => value.trim().toLowerCase() === dest.trim().toLowerCase();
  if (v.migration_offer) {
    const out = h('div', { 'aria-live': 'polite' });
    const migrate = h('button', { type: 'button', class: 'secondary', id: 'restore-migrate', disabled: !dest, onclick: () => confirmModal({
      id: 'restore-migrate-popup', title: t('restore.migrate_title', { waba: dest }), body: [t('restore.migrate_body')],
      inputLabel: t('restore.confirm_label', { waba: dest }), expected: typed, primary: t('restore.migrate_button'), danger: false,
      onConfirm: async (typedName) => {
        clear(out);
        const r = await whileLoading(out, t('restore.migrating'), ctx.call('restore_migrate', { previewId: v.preview_id, typedName }));
        out.append(h('p', { class: 'ok-text', id: 'restore-migrated' }, t('restore.migrated', { migrated: r.migrated, failed: r.failed.length })));
      },
    }) }, t('restore.migrate_button'));
    card.append(h('div', { class: 'callout', id: 'restore-migration' }, h('p', {}, t('restore.migration_offer')), migrationList(v.migration), migrate, out));
  }
  const go = h('button', { type: 'button', class: 'primary', id: 'restore-start', disabled: p.to_create === 0 || !dest,
    onclick: () => confirmModal({
      id: 'restore-confirm', title: t('restore.confirm_title', { count: p.to_create, waba: dest }), body: [t('restore.confirm_body')],
      inputLabel: t('restore.confirm_label', { waba: dest }), expected: typed, primary: t('restore.confirm_button'), danger: false,
      onConfirm: async (typedName) => {
        const first = await ctx.call('restore_start', { previewId: v.preview_id, typedName });
        progressCard(clear(holder.parentElement), ctx, { running: true, progress: first });
      },
    }) }, t('restore.start', { count: p.to_create }));
  card.append(h('div', { class: 'actions start' }, go));
  if (!dest) card.append(h('p', { class: 'muted', id: 'restore-no-name' }, t('restore.no_name')));
}

/// What Meta's migration would copy, as the core read it from the source account at Meta (not
/// from the file): each template in words, and those that stay, with why.
function migrationList(m) {
  if (!m) return '';
  const time = formatTime(m.read_at);
  const words = (l) => {
    const category = has(`restore.categories.${l.category}`) ? t(`restore.categories.${l.category}`) : l.category;
    return `${l.name} · ${languageWords(l.language)} · ${category}`;
  };
  const copied = m.lines.filter((l) => !l.not_migrated);
  const left = m.lines.filter((l) => l.not_migrated);
  return h('div', { id: 'restore-migration-list' },
    h('p', {}, copied.length ? t('restore.migration_read', { count: copied.length, time }) : t('restore.migration_none', { time })),
    copied.length ? h('ul', {}, ...copied.map((l) => h('li', {}, words(l)))) : '',
    left.length ? h('details', {}, h('summary', {}, t('restore.migration_left', { count: left.length })),
      h('ul', {}, ...left.map((l) => h('li', {}, `${words(l)}: ${t(`restore.not_migrated_${l.not_migrated}`)}`)))) : '');
}

/// Every template to be created, with its buttons' links and phone numbers: what the admin
/// consents to publish.
/// Meta's language code (`pt_BR`) in the admin's words ("português (Brasil)"), else the code.
function languageWords(code) {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(String(code).replace('_', '-')) || code;
  } catch {
    return code;
  }
}

function itemsList(items, waba) {
  const row = (i) => {
    const extra = [...i.urls, ...i.phones];
    const category = has(`restore.categories.${i.category}`) ? t(`restore.categories.${i.category}`) : i.category;
    // Everything that would be published: the text as the customer will read it.
    const text = h('div', { class: 'template-text' },
      i.header ? h('p', {}, h('strong', {}, i.header)) : null,
      i.body ? h('p', {}, i.body) : null,
      i.footer ? h('p', { class: 'muted' }, i.footer) : null,
      i.buttons.length ? h('p', {}, t('restore.buttons', { list: i.buttons.join(' · ') })) : null);
    return h('li', {}, h('strong', {}, i.name), ` — ${languageWords(i.language)} · ${category}`, text,
      extra.length ? h('p', {}, extra.join(' · ')) : h('p', { class: 'muted' }, t('restore.no_buttons')));
  };
  return h('details', { id: 'restore-items', open: true },
    h('summary', {}, t('restore.items_title', { waba })),
    h('p', { class: 'muted' }, t('restore.items_hint')),
    h('ul', { class: 'items', tabindex: 0, 'aria-label': t('restore.items_columns') }, ...items.map(row)));
}

async function progressCard(body, ctx, status) {
  const bar = h('progress', { id: 'restore-bar', max: 1, value: 0, 'aria-labelledby': 'restore-progress-title' });
  const line = h('p', { id: 'restore-line', role: 'status' });
  const note = h('p', { class: 'muted', id: 'restore-note' });
  const out = h('div', {});
  const stop = h('button', { type: 'button', class: 'secondary', id: 'restore-stop', onclick: () => ctx.act(out, () => ctx.call('restore_cancel')) }, t('restore.stop'));
  const resume = h('button', { type: 'button', class: 'primary', id: 'restore-resume', hidden: true, onclick: () => busyWhile(resume, () => ctx.act(out, async () => {
    clear(out);
    show(await ctx.call('restore_resume'), true);
  })) }, t('restore.resume'));
  const discard = h('button', { type: 'button', class: 'secondary', id: 'restore-discard', hidden: true, onclick: () => confirmModal({
    id: 'restore-discard-popup', title: t('restore.discard_title'), body: [t('restore.discard_body')], primary: t('restore.discard_button'),
    onConfirm: async () => {
      clear(out);
      const s = await ctx.call('restore_discard');
      whose.textContent = '';
      show(s.progress, false);
    },
  }) }, t('restore.discard'));
  // An unfinished restore goes on only on the connection it started on.
  const b = status.belongs;
  const elsewhere = status.unfinished && b && !b.here;
  const whose = h('p', { class: 'callout', id: 'restore-whose', hidden: !elsewhere },
    !elsewhere ? '' : !b.mode ? t('restore.belongs_unknown')
      : b.mode === Mode.PRACTICE ? t('restore.belongs_practice') : t('restore.belongs_real', { account: b.account || '—' }));
  const report = h('button', { type: 'button', class: 'secondary', id: 'restore-report', hidden: true, onclick: () => ctx.act(out, async () => {
    const path = await ctx.call('restore_report_save');
    if (path) { out.append(savedLine(ctx, path, 'restore.report_saved', 'restore-report-file')); announce(t('restore.report_saved', splitPath(path))); }
  }) }, t('restore.report'));
  body.append(h('div', { class: 'card', id: 'restore-progress' }, h('h2', { id: 'restore-progress-title' }, t('restore.step_progress')),
    bar, line, note, whose, h('div', { class: 'actions start' }, stop, resume, discard, report), out));
  function show(p, running) {
    if (!p) return;
    bar.max = Math.max(p.total, 1);
    bar.value = p.done;
    line.textContent = t('restore.progress', { done: p.done, total: p.total, created: p.created, failed: p.failed, skipped: p.skipped });
    note.textContent = p.paused_secs ? t('restore.paused', { minutes: Math.ceil(p.paused_secs / 60) })
      : p.eta_secs && !p.finished ? t('restore.eta', { minutes: Math.max(1, Math.round(p.eta_secs / 60)) }) : '';
    stop.hidden = !running || p.finished;
    resume.hidden = running || p.finished || elsewhereNow();
    discard.hidden = running || p.finished;
    report.hidden = running && !p.finished;
    if (p.discarded) note.textContent = t('restore.discarded');
    if (p.finished && !p.discarded) { line.id = 'restore-line'; announce(line.textContent); line.append(' ', h('strong', { id: 'restore-finished' }, t('restore.finished'))); }
  }
  function elsewhereNow() { return !whose.hidden && whose.textContent !== ''; }
  show(status.progress, status.running);
  const unlisten = await listen('restore-progress', (p) => {
    if (!document.body.contains(bar)) { unlisten(); return; }
    show(p, true);
  });
  const unlistenEnd = await listen('restore-ended', (p) => {
    if (!document.body.contains(bar)) { unlistenEnd(); return; }
    show(p, false);
  });
}
