// "Voltar" from the choosing screens: re-choosing the previous level moves the journey back.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { Stage } from '../vocabulary.js';

export function backButton(ctx, level) {
  const j = ctx.journey.target;
  return h('button', { type: 'button', class: 'secondary', id: 'back', onclick: (e) => ctx.act(e.target.parentElement, async () => {
    if (level === Stage.CHOOSE_BUSINESS) return ctx.startJourney();
    if (level === Stage.CHOOSE_WABA) return ctx.set({ journey: await ctx.call('choose_business', { businessId: j.business_id }) });
    if (level === Stage.CHOOSE_NUMBER) return ctx.set({ journey: await ctx.call('choose_waba', { wabaId: j.waba_id }) });
    return undefined;
  }) }, `← ${t('app.back')}`);
}
