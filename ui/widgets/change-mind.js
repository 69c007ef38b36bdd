// "Mudei de ideia: levar para outro provedor": the way back to the move from the backup and
// deletion screens, offered only until a disconnect was sent (Rust refuses it after: a
// disconnect breaks a migration, `docs/meta-rules.md` §13).

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { JourneyPath } from '../vocabulary.js';

export function changeMind(ctx, j, id) {
  if (j.deregister || j.reconnected_at) return null;
  const out = h('div', { 'aria-live': 'polite' });
  return h('div', { class: 'card change-mind', id },
    h('p', {}, t('path.change_mind_text')),
    h('div', { class: 'actions start' },
      h('button', { type: 'button', class: 'secondary', id: `${id}-button`,
        onclick: () => ctx.act(out, async () => ctx.set({ journey: await ctx.call('path_choose', { path: JourneyPath.MOVE }) })) },
      t('path.change_mind'))),
    out);
}
