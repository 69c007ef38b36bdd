// Right after the number is chosen: take it elsewhere (migrate, nothing removed) or close it for
// good (the article's removal). Rust records the choice; the removal stays closed on the move path.

import { h } from '../dom.js';
import { t, lang, formatDate } from '../i18n.js';
import { backButton } from '../widgets/back.js';
import { Stage, Goal, NotThisRoad, JourneyPath } from '../vocabulary.js';

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
      card('path-move', 'move', 'move_button', JourneyPath.MOVE, 'primary'),
      card('path-app', 'app', 'app_button', JourneyPath.BACK_TO_APP, 'secondary',
        h('p', { class: 'muted', id: 'path-app-how' }, t(coex ? 'path.app_coexistence' : 'path.app_how'))),
      card('path-close', 'close', 'close_button', JourneyPath.CLOSE, 'secondary')),
    h('div', { class: 'actions' }, backButton(ctx, Stage.CHOOSE_NUMBER)));
  // Under each answer, what Meta allows now, as the core's advisor decided it from Meta's facts
  // (the screen decides nothing; a failed read leaves the cards as they are).
  const notes = {
    [Goal.OTHER_PROVIDER]: el.querySelector('#path-move-card'),
    [Goal.BACK_TO_APP]: el.querySelector('#path-app-card'),
    [Goal.STOP_USING]: el.querySelector('#path-close-card'),
  };
  const slots = Object.fromEntries(Object.entries(notes).map(([goal, card]) => {
    const slot = h('div', { class: 'road-now', id: `path-now-${goal}`, 'aria-live': 'polite' }, h('p', { class: 'muted small' }, t('path.reading')));
    card.insertBefore(slot, card.querySelector('.actions'));
    return [goal, slot];
  }));
  let advice = [];
  try {
    advice = await ctx.call('path_roads');
  } catch {
    Object.values(slots).forEach((s) => s.replaceChildren(h('p', { class: 'muted small' }, t('path.unread'))));
    return;
  }
  for (const { goal, roads } of advice) {
    const slot = slots[goal];
    if (slot) slot.replaceChildren(...bestRoad(goal, roads));
  }
}

const list = (items) => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);

/// The first road the advisor says applies to this answer: its name, what it keeps and its time
/// off the air; or, when none applies, why the first one does not.
function bestRoad(goal, roads) {
  const r = roads.find((x) => x.applies);
  if (!r) {
    const first = roads.find((x) => x.why_not && x.why_not !== NotThisRoad.OTHER_GOAL);
    return [h('p', { class: 'warn-text small', id: `path-none-${goal}` }, t('path.none_now', { why: first ? t(`roads.why.${first.why_not}`) : '' }))];
  }
  return [
    h('p', { class: 'small', id: `path-best-${goal}` }, h('strong', {}, t('path.best_now')), ' ', t(`roads.${r.id}.title`)),
    h('p', { class: r.keeps.length ? 'ok-text small' : 'warn-text small' },
      r.keeps.length ? t('roads.keeps', { list: list(r.keeps.map((a) => t(`roads.asset.${a}`))) }) : t('roads.keeps_nothing')),
    h('p', { class: 'small' }, t(`roads.downtime.${r.downtime}`)),
    r.deletable_from ? h('p', { class: 'warn-text small' }, t('roads.waits_until', { date: formatDate(r.deletable_from) })) : '',
  ];
}
