// Modal pop-ups that mirror Meta's: title, text, an optional typed confirmation, "Cancelar" and
// the primary button on the right. Focus stays inside; Esc cancels; focus returns afterwards.

import { h } from './dom.js';
import { t } from './i18n.js';

export function confirmModal({ id, title, body, inputLabel, expected, primary, danger = true, value = '', allowEmpty = false, onConfirm }) {
  const opener = document.activeElement;
  const root = document.getElementById('modal-root');
  const error = h('div', { class: 'modal-error', 'aria-live': 'assertive' });
  const input = inputLabel ? h('input', { id: `${id}-input`, type: 'text', autocomplete: 'off', spellcheck: 'false', value }) : null;
  const ok = h('button', { id: `${id}-confirm`, class: danger ? 'danger' : 'primary', type: 'submit', disabled: !!input && !allowEmpty }, primary);
  const cancel = h('button', { id: `${id}-cancel`, type: 'button', class: 'secondary' }, t('app.cancel'));
  const form = h('form', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    ...body.map((p) => h('p', {}, p)),
    input ? h('label', { for: `${id}-input` }, inputLabel) : null,
    input,
    error,
    h('div', { class: 'modal-actions' }, cancel, ok),
  );
  const backdrop = h('div', { class: 'backdrop' }, form);
  const close = () => { backdrop.remove(); if (opener && opener.focus) opener.focus(); };
  if (input) {
    input.addEventListener('input', () => {
      ok.disabled = expected ? !expected(input.value) : !allowEmpty && input.value.trim() === '';
    });
  }
  cancel.addEventListener('click', close);
  backdrop.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); }
    if (e.key === 'Tab') {
      const f = [...form.querySelectorAll('button:not([disabled]), input')];
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
      await onConfirm(input ? input.value : undefined, error);
      backdrop.remove();
    } catch (_) {
      ok.disabled = false;
    } finally {
      ok.removeAttribute('aria-busy');
    }
  });
  root.append(backdrop);
  (input || ok).focus();
  return { close };
}
