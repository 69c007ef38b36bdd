// Right after the number is chosen: take it elsewhere (migrate, nothing removed) or close it for
// good (the article's removal). Rust records the choice; the removal stays closed on the move path.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { backButton } from '../widgets/back.js';
import { Stage } from '../vocabulary.js';

export async function renderPath(el, ctx) {
  const j = ctx.journey;
  const choose = (path) => (e) => ctx.act(e.target.closest('.card'), async () => ctx.set({ journey: await ctx.call('path_choose', { path }) }));
  const coex = !!j.target.coexistence;
  const card = (id, key, button, path, cls, how = null) => h('div', { class: 'card', id: `${id}-card` },
    h('h2', {}, t(`path.${key}_title`)),
    h('p', {}, t(`path.${key}_text`)),
    how,
    h('div', { class: 'actions start' }, h('button', { type: 'button', class: cls, id, onclick: choose(path) }, t(`path.${button}`))));
  el.append(h('h1', { id: 'title-path' }, t('path.title')),
    h('p', { class: 'intro' }, t('path.intro', { number: j.target.display_phone_number || '' })),
    h('div', { class: 'three-cols' },
      card('path-move', 'move', 'move_button', 'move', 'primary'),
      card('path-app', 'app', 'app_button', 'close', 'secondary',
        h('p', { class: 'muted', id: 'path-app-how' }, t(coex ? 'path.app_coexistence' : 'path.app_how'))),
      card('path-close', 'close', 'close_button', 'close', 'secondary')),
    h('div', { class: 'actions' }, backButton(ctx, Stage.CHOOSE_NUMBER)));
}
