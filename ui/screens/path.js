// Right after the number is chosen: take it elsewhere (migrate, nothing removed) or close it for
// good (the article's removal). Rust records the choice; the removal stays closed on the move path.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { backButton } from './back.js';

export async function renderPath(el, ctx) {
  const j = ctx.journey;
  const choose = (path) => (e) => ctx.act(e.target.closest('.card'), async () => ctx.set({ journey: await ctx.call('path_choose', { path }) }));
  el.append(h('h1', { id: 'title-path' }, t('path.title')),
    h('p', { class: 'intro' }, t('path.intro', { number: j.target.display_phone_number || '' })),
    h('div', { class: 'two-cols' },
      h('div', { class: 'card', id: 'path-move-card' },
        h('h2', {}, t('path.move_title')),
        h('p', {}, t('path.move_text')),
        h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'primary', id: 'path-move', onclick: choose('move') }, t('path.move_button')))),
      h('div', { class: 'card', id: 'path-close-card' },
        h('h2', {}, t('path.close_title')),
        h('p', {}, t('path.close_text')),
        h('div', { class: 'actions start' }, h('button', { type: 'button', class: 'secondary', id: 'path-close', onclick: choose('close') }, t('path.close_button'))))),
    h('div', { class: 'actions' }, backButton(ctx, 'numbers')));
}
