// The line under the app's copies of Meta's screens: this is the app, and where Meta's own
// screen will be when it is time (in the browser in real mode, simulated in practice).

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { Mode } from '../vocabulary.js';

export function guideNote(ctx) {
  const practice = (ctx.journey && ctx.journey.mode === Mode.PRACTICE) || (ctx.status && ctx.status.mode === Mode.PRACTICE);
  return h('p', { class: 'guide-note' }, t(practice ? 'app.guide_note_practice' : 'app.guide_note'));
}
