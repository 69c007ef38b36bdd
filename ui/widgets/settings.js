// Advanced settings: the Graph version (support). The Graph host is shown, not editable: only the
// environment that starts the app can point it elsewhere, so the token can go nowhere else.

import { t } from '../i18n.js';
import { confirmModal } from './modal.js';
import { updateInfo, aboutUpdates } from './update-line.js';

export function openSettings(ctx) {
  const s = ctx.settings || {};
  const d = (ctx.info && ctx.info.defaults) || {};
  const fb = (ctx.info && ctx.info.facebook_login) || {};
  confirmModal({
    id: 'settings',
    title: t('settings.title'),
    // "Sobre": the version, whether this copy has updates and what it heard last, and whether this
    // installer has the Facebook login.
    body: [t('settings.version', { version: (ctx.info && ctx.info.version) || '—' }),
      aboutUpdates(updateInfo()),
      fb.app_id ? t('settings.app_id', { id: fb.app_id }) : t('settings.no_app_id'),
      t('settings.intro'), t('settings.host', { host: (ctx.info && ctx.info.graph_host) || '—' }), t('settings.forget_token')],
    inputLabel: `${t('settings.graph_version')} (${d.graph_version || ''})`,
    value: s.graph_version || '',
    allowEmpty: true,
    danger: false,
    primary: t('settings.save'),
    onConfirm: async (version) => {
      const settings = await ctx.call('settings_set', { settings: { ...s, graph_version: (version || '').trim() || null } });
      await ctx.set({ settings }, { draw: false });
    },
  });
}
