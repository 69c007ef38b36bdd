// Screen 4, Pré-requisitos: the live checklist. Each item: result, why it matters, what to do.
// A failed blocking item stops here unless the admin overrides that one item.

import { h, announce } from '../dom.js';
import { t, has, formatDate as fmt } from '../i18n.js';
import { backButton } from '../widgets/back.js';
import { openButton, savedLine, splitPath } from '../widgets/opened.js';
import { pinResetBox } from '../widgets/pin.js';
import { CheckId, CheckStatus, JourneyPath, Stage } from '../vocabulary.js';

// Meta's order of the article's pre-requisites: the Rust declaration order.
const ORDER = Object.values(CheckId);

function sentence(c, j) {
  const f = c.facts || {};
  const base = `checks.${c.id}`;
  switch (c.id) {
    case CheckId.ADMIN: return t(`${base}.${c.status === CheckStatus.PASS ? 'pass' : c.status === CheckStatus.FAIL ? 'fail' : 'unknown'}`, { user: f.user || '' });
    case CheckId.ACTIVE_WABA: return t(`${base}.${c.status === CheckStatus.PASS ? 'pass' : c.status === CheckStatus.FAIL ? 'fail' : 'unknown'}`, { waba: f.waba || j.target.waba_name, review: f.review_status, send: f.can_send });
    case CheckId.PAID_MESSAGES:
      if (c.status === CheckStatus.UNKNOWN) return t(`${base}.unknown`);
      if (c.status === CheckStatus.FAIL) return t(`${base}.fail`, { last: fmt(f.last_paid_day), from: fmt(f.deletable_from) });
      return f.last_paid_day ? t(`${base}.pass_date`, { last: fmt(f.last_paid_day) }) : t(`${base}.pass`);
    case CheckId.BILLING: return t(`${base}.${f.unmatched_funding ? 'unmatched' : c.status === CheckStatus.WARN ? 'warn' : c.status === CheckStatus.UNKNOWN ? 'unknown' : 'info'}`, { line: f.credit_line, funding: f.unmatched_funding });
    case CheckId.OTHER_NUMBERS: return t(`${base}.${c.status === CheckStatus.PASS ? 'pass' : 'info'}`, { count: f.count, numbers: (f.numbers || []).join(', ') });
    case CheckId.COEXISTENCE: return t(`${base}.${c.status === CheckStatus.WARN ? 'warn' : 'pass'}`);
    case CheckId.TWO_STEP_PIN: return t(`${base}.info`);
    case CheckId.PERMISSIONS: return t(`${base}.${c.status === CheckStatus.PASS ? 'pass' : c.status === CheckStatus.WARN ? 'warn' : 'unknown'}`, { missing: (f.missing || []).join(', ') });
    default: return '';
  }
}

/// "Salvar lembrete para {data}": an .ics for the day Meta's 30-day rule ends.
function reminderButton(ctx, day, holder) {
  const out = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary', id: 'paid-reminder', onclick: () => ctx.act(out, async () => {
    out.textContent = '';
    const p = await ctx.call('checks_reminder_save');
    if (!p) { out.append(h('p', { class: 'muted' }, t('checks.paid_messages.reminder_cancelled'))); return; }
    out.append(savedLine(ctx, p, 'checks.paid_messages.reminder_saved', 'paid-reminder-saved'));
    announce(t('checks.paid_messages.reminder_saved', splitPath(p)));
  }) }, t('checks.paid_messages.reminder', { date: fmt(day) }));
  holder.append(h('div', { class: 'actions start' }, button), out);
  return holder;
}

export async function renderChecks(el, ctx) {
  const j = ctx.journey;
  el.append(h('h1', { id: 'title-checks' }, t('checks.title')),
    h('p', { class: 'intro' }, t('checks.intro', { number: j.target.display_phone_number })));
  const holder = h('div', { id: 'checks-holder', 'aria-live': 'polite' }, h('p', { class: 'muted', role: 'status' }, t('checks.running')));
  el.append(holder);
  let report;
  try {
    report = await ctx.call('checks_run');
  } catch (err) {
    holder.textContent = '';
    ctx.fail(holder, err);
    holder.append(h('div', { class: 'actions' }, backButton(ctx, Stage.CHOOSE_NUMBER),
      h('button', { type: 'button', class: 'secondary', id: 'checks-rerun', onclick: () => ctx.refresh() }, t('checks.rerun'))));
    return;
  }
  holder.textContent = '';
  // Facts Meta no longer serves (a field it retired): said plainly, the checks go on without them.
  if (report.unreadable && report.unreadable.length) {
    const facts = report.unreadable.map((f) => (has(`checks.facts.${f}`) ? t(`checks.facts.${f}`) : f)).join('; ');
    holder.append(h('p', { class: 'callout', id: 'checks-unreadable' }, t('checks.unreadable', { facts })));
  }
  const overrides = new Set();
  const list = h('ul', { class: 'checklist', id: 'checklist' });
  const checks = [...report.checks].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  for (const c of checks) {
    const extra = [];
    const notes = h('div', {});
    if (c.id === CheckId.PAID_MESSAGES && c.status !== CheckStatus.PASS) extra.push(openButton(ctx, 'insights', 'checks.paid_messages.open_insights', 'open.insights', notes), notes);
    if (c.id === CheckId.BILLING) extra.push(openButton(ctx, 'billing', 'checks.billing.open_billing', 'open.billing', notes), notes);
    if (c.id === CheckId.TWO_STEP_PIN) extra.push(pinResetBox(ctx));
    let override = null;
    if (c.blocking && c.status === CheckStatus.FAIL && c.overridable) {
      const box = h('input', { type: 'checkbox', id: `override-${c.id}` });
      box.addEventListener('change', () => { box.checked ? overrides.add(c.id) : overrides.delete(c.id); update(); });
      override = h('label', { class: 'check override' }, box, t('checks.override'));
    } else if (c.blocking && c.status === CheckStatus.FAIL) {
      // Meta's data proves it: no way around it here; the date it lifts is in the sentence, and a
      // calendar reminder for that day is the way forward.
      override = h('div', { id: `no-override-${c.id}` }, h('p', { class: 'warn-text' }, t('checks.no_override')));
      if (c.id === CheckId.PAID_MESSAGES && c.facts && c.facts.deletable_from) reminderButton(ctx, c.facts.deletable_from, override);
      // The wait is the deletion's only: moving the number has none (`docs/meta-rules.md` §13).
      if (c.id === CheckId.PAID_MESSAGES) {
        const out = h('div', { 'aria-live': 'polite' });
        override.append(h('p', { id: 'no-wait-road' }, t('checks.paid_messages.no_wait_road')),
          h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'secondary', id: 'paid-move-instead',
            onclick: () => ctx.act(out, async () => ctx.set({ journey: await ctx.call('path_choose', { path: JourneyPath.MOVE }) })) },
          t('checks.paid_messages.move_instead'))), out);
      }
    }
    const code = c.facts && c.facts.code ? h('p', { class: 'code' }, t('errors.meta_code', { code: c.facts.code }), c.facts.trace_id ? ` · ${t('errors.trace', { trace: c.facts.trace_id })}` : '') : null;
    list.append(h('li', { class: `check-item ${c.status}`, id: `check-${c.id}` },
      h('span', { class: `status-tag ${c.status}` }, t(`checks.status_${c.status}`)),
      h('div', { class: 'grow' },
        h('strong', {}, t(`checks.${c.id}.title`)),
        h('p', {}, sentence(c, j)),
        h('p', { class: 'muted' }, t(`checks.${c.id}.why`)),
        code, ...extra, override)));
  }
  const ack = h('input', { type: 'checkbox', id: 'ack-loss' });
  const hint = h('p', { class: 'muted', id: 'blocked-hint' });
  const go = h('button', { type: 'button', class: 'primary', id: 'checks-continue' }, t('checks.continue'));
  const result = h('div', { 'aria-live': 'polite' });
  function update() {
    const blocking = checks.filter((c) => c.blocking && c.status === CheckStatus.FAIL && !(c.overridable && overrides.has(c.id)));
    go.disabled = !ack.checked || blocking.length > 0;
    // The reason stands next to the disabled button.
    const proven = blocking.some((c) => !c.overridable);
    hint.textContent = proven ? t('checks.blocked_hint_proven') : blocking.length ? t('checks.blocked_hint') : !ack.checked ? t('checks.ack_hint') : '';
  }
  ack.addEventListener('change', update);
  go.addEventListener('click', async () => {
    result.textContent = '';
    try {
      await ctx.set({ journey: await ctx.call('checks_confirm', { acknowledgedLoss: ack.checked, overrides: [...overrides] }) });
    } catch (err) {
      ctx.fail(result, err);
    }
  });
  update();
  holder.append(list,
    h('div', { class: 'card' }, h('label', { class: 'check strong' }, ack, t('checks.acknowledge')), result,
      h('div', { class: 'actions' }, backButton(ctx, Stage.CHOOSE_NUMBER),
        h('button', { type: 'button', class: 'secondary', id: 'checks-rerun', onclick: () => ctx.refresh() }, t('checks.rerun')), go),
      hint));
  announce(t('checks.title'));
}
