// Screen 1, Gerenciador de Negócios (the article's Passo 1, `docs/journey.md`): pick the company, gear icon.

import { idDetails } from '../widgets/opened.js';
import { h, icon, whileLoading } from '../dom.js';
import { t } from '../i18n.js';
import { guideNote } from '../widgets/guide-note.js';

export async function renderBusiness(el, ctx) {
  el.append(h('h1', { id: 'title-business' }, t('business.title')),
    h('p', { class: 'intro' }, t('business.intro')));
  const list = h('ul', { class: 'cards', id: 'business-list' });
  const status = h('div', {});
  el.append(status, list, guideNote(ctx));
  const businesses = await whileLoading(status, t('app.loading'), ctx.call('list_businesses'));
  // The other way in, below the list (an error reading the list comes first, with its way on):
  // put back the templates of a backup into a WABA.
  const restore = h('div', { class: 'card', id: 'restore-entry' }, h('p', {}, t('restore.entry')),
    h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'secondary', id: 'open-restore', onclick: () => ctx.set({ restoring: true }) }, t('restore.title'))));
  el.append(restore);
  ctx.call('restore_state').then((r) => {
    if (r.unfinished || r.running) restore.prepend(h('p', { class: 'callout', id: 'restore-unfinished' }, t('restore.unfinished')));
  }).catch(() => {});
  if (!businesses.length) list.append(h('li', { class: 'muted' }, t('business.empty')));
  for (const b of businesses) {
    list.append(h('li', { class: 'card row' },
      h('div', { class: 'grow' }, h('strong', {}, b.name || t('business.unnamed')), idDetails(b.id)),
      h('button', {
        type: 'button', class: 'icon-button', id: `business-${b.id}`, 'aria-label': t('business.gear', { name: b.name || b.id }),
        title: t('business.gear', { name: b.name || b.id }),
        onclick: () => ctx.act(el, async () => ctx.set({ journey: await ctx.call('choose_business', { businessId: b.id }) })),
      }, icon('gear'))));
  }
}
