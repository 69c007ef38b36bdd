// What a verified backup holds, in one sentence (the backup screen and the move path).

import { t } from '../i18n.js';

/// What a verified backup holds, in one sentence (the backup screen and the move path).
export function verifiedText(s) {
  return t('backup.verified', { templates: s.templates, users: s.assigned_users, points: s.usage_points,
    picture: s.picture_bytes > 0 ? t('backup.picture_yes') : t('backup.picture_no') });
}
