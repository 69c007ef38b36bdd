// Every sentence comes from ui/i18n/<lang>.json; `t('a.b', {x})` fills {x}.

let dict = {};
let fallback = {};
export let lang = 'pt-BR';

async function load(l) {
  const r = await fetch(`i18n/${l}.json`);
  return r.json();
}

export async function setLanguage(l) {
  lang = l === 'en' ? 'en' : 'pt-BR';
  if (!Object.keys(fallback).length) fallback = await load('pt-BR');
  dict = lang === 'pt-BR' ? fallback : await load(lang);
  document.documentElement.lang = lang;
}

function lookup(d, key) {
  return key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), d);
}

export function has(key) {
  return typeof lookup(dict, key) === 'string';
}

export function t(key, params = {}) {
  let s = lookup(dict, key);
  if (typeof s !== 'string') s = lookup(fallback, key);
  if (typeof s !== 'string') return key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (params[k] !== undefined && params[k] !== null ? String(params[k]) : '—'));
}

export function formatDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? iso + 'T12:00:00Z' : iso);
  return d.toLocaleDateString(lang, { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/// A time in the UI language's format (24 h in pt-BR), never the system's AM/PM.
export function formatTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hourCycle: lang === 'pt-BR' ? 'h23' : 'h12' });
}

/// A date and time in the UI language's format.
export function formatDateTime(iso) {
  if (!iso) return '—';
  return `${formatDate(iso)} ${formatTime(iso)}`;
}

/// Meta's own Portuguese label for an API value ("Conectado", not CONNECTED); the raw value when
/// this version does not know it (Meta's enums are open).
export function metaLabel(group, value) {
  if (!value) return '—';
  const key = `${group}.${value}`;
  return has(key) ? t(key) : value;
}
