// Where only Meta's support moves things on (a credit line of the old provider, an account the old
// provider owns, a PIN nobody can turn off): the request the core wrote (English, every id Meta
// asks for, the trace ids of the last answers), shown to read, copied in one click, and what to ask
// the old provider first. The screen writes none of it.

import { h, announce } from '../dom.js';
import { t } from '../i18n.js';

export function supportRequest(ctx, supportCase) {
  const out = h('div', { 'aria-live': 'polite' });
  const prepare = h('button', { type: 'button', class: 'secondary', id: `support-${supportCase}`, onclick: () => ctx.act(out, async () => {
    const r = await ctx.call('support_request', { case: supportCase });
    const labelId = `support-${supportCase}-label`;
    const text = h('textarea', { id: `support-${supportCase}-text`, readonly: true, rows: 12, 'aria-labelledby': labelId });
    text.textContent = r.text;
    const note = h('div', { 'aria-live': 'polite' });
    const copy = h('button', { type: 'button', class: 'secondary', id: `support-${supportCase}-copy`, onclick: async () => {
      note.textContent = '';
      try {
        await navigator.clipboard.writeText(r.text);
        note.append(h('p', { class: 'ok-text' }, t('support.copied')));
        announce(t('support.copied'));
      } catch {
        text.focus();
        text.select();
        note.append(h('p', { class: 'muted' }, t('support.copy_by_hand')));
      }
    } }, t('support.copy'));
    out.replaceChildren(
      r.ask_old_provider_first ? h('p', { class: 'callout', id: `support-${supportCase}-first` }, t(`support.ask_first_${supportCase}`)) : '',
      h('p', { id: labelId }, t('support.text_label')),
      text,
      h('div', { class: 'actions start' }, copy),
      note,
      h('p', { class: 'muted' }, t('support.where')));
    prepare.hidden = true;
  }) }, t('support.prepare'));
  return h('div', { class: 'support-request', id: `support-request-${supportCase}` },
    h('p', {}, t(`support.why_${supportCase}`)), h('div', { class: 'actions start' }, prepare), out);
}
