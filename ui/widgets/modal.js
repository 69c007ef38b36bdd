// Modal pop-ups that mirror Meta's: title, text, an optional typed confirmation, "Cancelar" and
// the primary button on the right. Focus stays inside; Esc cancels; focus returns afterwards.

import { t } from '../i18n.js';
import { h, announce } from '../dom.js';
import { errorBox, errorText } from '../api.js';

export function confirmModal({ id, title, body, inputLabel, expected, primary, danger = true, value = '', allowEmpty = false, questions = [], secrets = [], secretsOk = () => true, onConfirm }) {
  const opener = document.activeElement;
  const root = document.getElementById('modal-root');
  const error = h('div', { class: 'modal-error', 'aria-live': 'assertive' });
  const input = inputLabel ? h('input', { id: `${id}-input`, type: 'text', autocomplete: 'off', spellcheck: 'false', value }) : null;
  const ok = h('button', { id: `${id}-confirm`, class: danger ? 'danger' : 'primary', type: 'submit', disabled: !!input && !allowEmpty }, primary);
  const cancel = h('button', { id: `${id}-cancel`, type: 'button', class: 'secondary' }, t('app.cancel'));
  // Questions the admin must answer yes (checkboxes) before the primary button works.
  const boxes = questions.map((q) => h('input', { type: 'checkbox', id: `${id}-${q.id}` }));
  // Secret fields (a PIN): hidden while typed, never kept after the pop-up closes.
  const hidden = secrets.map((f) => h('input', { id: `${id}-${f.id}`, type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: f.maxlength || 64 }));
  const secretValues = () => Object.fromEntries(secrets.map((f, i) => [f.id, hidden[i].value]));
  const form = h('form', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    ...body.map((p) => h('p', {}, p)),
    ...questions.map((q, i) => h('div', { class: 'question' },
      h('label', { class: 'check' }, boxes[i], q.label),
      q.hint ? h('p', { class: 'muted' }, q.hint) : null)),
    input ? h('label', { for: `${id}-input` }, inputLabel) : null,
    input,
    ...secrets.flatMap((f, i) => [h('label', { for: `${id}-${f.id}` }, f.label), hidden[i]]),
    error,
    h('div', { class: 'modal-actions' }, cancel, ok),
  );
  const backdrop = h('div', { class: 'backdrop' }, form);
  const close = () => { backdrop.remove(); if (opener && opener.focus) opener.focus(); };
  const refresh = () => {
    const typedOk = !input || (expected ? expected(input.value) : allowEmpty || input.value.trim() !== '');
    ok.disabled = !typedOk || boxes.some((b) => !b.checked) || !secretsOk(secretValues());
  };
  if (input) input.addEventListener('input', refresh);
  hidden.forEach((f) => f.addEventListener('input', refresh));
  boxes.forEach((b) => b.addEventListener('change', refresh));
  if (boxes.length || secrets.length) ok.disabled = true;
  cancel.addEventListener('click', close);
  backdrop.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); }
    if (e.key === 'Tab') {
      const f = [...form.querySelectorAll('button:not([disabled]), input, a[href]')];
      const i = f.indexOf(document.activeElement);
      if (e.shiftKey && i <= 0) { e.preventDefault(); f[f.length - 1].focus(); }
      else if (!e.shiftKey && i === f.length - 1) { e.preventDefault(); f[0].focus(); }
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ok.disabled = true;
    ok.setAttribute('aria-busy', 'true');
    try {
      await onConfirm(input ? input.value : undefined, Object.fromEntries(questions.map((q, i) => [q.id, boxes[i].checked])), secretValues());
      backdrop.remove();
    } catch (err) {
      // The pop-up stays open with Meta's answer in it; nothing typed is lost.
      error.textContent = '';
      const box = errorBox(err);
      error.append(box);
      announce(errorText(err));
      ok.disabled = false;
    } finally {
      ok.removeAttribute('aria-busy');
    }
  });
  root.append(backdrop);
  (input || ok).focus();
  return { close };
}
