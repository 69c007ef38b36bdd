// Tiny DOM helpers: build elements without innerHTML (no injection from Meta's data).

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/// Announces a result to screen readers (the page's aria-live region).
export function announce(text) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  setTimeout(() => { live.textContent = text; }, 30);
}

export function icon(name) {
  const paths = {
    trash: 'M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z',
    gear: 'M12 8a4 4 0 100 8 4 4 0 000-8zm9 4l-2.1.7-.6 1.5 1 2-1.4 1.4-2-1-1.5.6L13.7 21h-2l-.7-2.1-1.5-.6-2 1-1.4-1.4 1-2-.6-1.5L3 13.7v-2l2.1-.7.6-1.5-1-2 1.4-1.4 2 1 1.5-.6L10.3 3h2l.7 2.1 1.5.6 2-1 1.4 1.4-1 2 .6 1.5 2.1.7z',
    dots: 'M5 10a2 2 0 110 4 2 2 0 010-4zm7 0a2 2 0 110 4 2 2 0 010-4zm7 0a2 2 0 110 4 2 2 0 010-4z',
    check: 'M9 16.2l-3.5-3.5L4 14.2l5 5 11-11-1.5-1.5z',
  };
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  p.setAttribute('d', paths[name] || '');
  svg.append(p);
  return svg;
}

/// Shows `text` as a status line in `holder` while `promise` runs; the line goes away whether it
/// succeeds or fails (so "Carregando…" never stands beside an error).
export async function whileLoading(holder, text, promise) {
  const line = h('p', { class: 'muted', role: 'status' }, text);
  holder.append(line);
  try {
    return await promise;
  } finally {
    line.remove();
  }
}

/// Runs `fn` with `button` shown busy (disabled, aria-busy): a double click cannot start it twice.
/// Rust refuses a second run anyway; this only shows the admin that the first one is going.
export async function busyWhile(button, fn) {
  if (button.disabled) return undefined;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
