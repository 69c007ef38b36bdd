// Copies of Meta's screens. In practice the copy is a separate, simulated Meta window that acts on
// the fictional company; in real mode it is a picture with the place to click pointed at, and
// nothing in it is a control: the hand learns one gesture, on Meta's own screen.

import { h } from '../dom.js';
import { t } from '../i18n.js';

export function mirror(practice, id, ...children) {
  const bar = h('div', { class: 'meta-titlebar' },
    h('span', { class: 'lights', 'aria-hidden': 'true' }, '● ● ●'),
    h('span', {}, practice ? t('app.mirror_title_practice') : t('app.mirror_title_real')));
  return h(practice ? 'div' : 'figure', { class: `card mirror meta-window ${practice ? 'simulated' : 'picture'}`, id },
    bar,
    h('div', { class: 'meta-body' },
      h('p', { class: 'mirror-label' }, practice ? t('app.mirror_label_practice') : t('app.mirror_label_real')),
      ...children));
}

/// A copy of a Meta screen this app never acts on in real mode (the PIN, the Partners tab): a
/// picture, with the place pointed at, and said so (in practice those copies are simulated
/// screens, `mirror(true, …)`).
export function picture(id, ...children) {
  const bar = h('div', { class: 'meta-titlebar' },
    h('span', { class: 'lights', 'aria-hidden': 'true' }, '● ● ●'),
    h('span', {}, t('app.mirror_title_real')));
  return h('figure', { class: 'card mirror meta-window picture', id },
    bar,
    h('div', { class: 'meta-body' }, h('p', { class: 'mirror-label' }, t('app.mirror_label_preview')), ...children));
}
