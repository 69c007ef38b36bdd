// Screen 3, Gerenciador do WhatsApp (the article's Passo 3, `docs/journey.md`): the numbers table,
// with "Escolher este número" per row (the trash icon lives only in the copy of Meta's screen).

import { h, whileLoading } from '../dom.js';
import { t } from '../i18n.js';
import { numbersTable } from '../widgets/numbers-table.js';
import { backButton } from '../widgets/back.js';
import { releaseBatch } from '../widgets/release-batch.js';
import { Stage } from '../vocabulary.js';
import { guideNote } from '../widgets/guide-note.js';

export async function renderNumbers(el, ctx) {
  const j = ctx.journey;
  el.append(h('h1', { id: 'title-numbers' }, t('numbers.title')),
    h('p', { class: 'intro' }, t('numbers.intro')),
    h('p', { class: 'muted' }, `${j.target.business_name || ''} › ${j.target.waba_name || ''}`));
  const holder = h('div', { class: 'card' });
  el.append(holder, h('div', { class: 'actions' }, backButton(ctx, Stage.CHOOSE_WABA)), guideNote(ctx));
  const numbers = await whileLoading(holder, t('app.loading'), ctx.call('list_numbers', { wabaId: j.target.waba_id }));
  if (!numbers.length) {
    holder.append(h('p', { class: 'muted' }, t('numbers.empty')));
    return;
  }
  holder.append(numbersTable(numbers, null, null,
    (n) => ctx.act(holder, async () => ctx.set({ journey: await ctx.call('choose_number', { phoneNumberId: n.id }) }))));
  // For providers whose client leaves: several numbers at once (closed by default). Only a
  // portfolio that holds its clients' accounts sees it (Rust refuses the run otherwise).
  if (j.target.serves_clients) holder.after(releaseBatch(ctx, numbers, { id: j.target.waba_id, name: j.target.waba_name }));
}
