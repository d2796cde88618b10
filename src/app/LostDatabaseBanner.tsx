import { useQuery } from '@tanstack/react-query';
import { t } from '../i18n';
import { queries } from '../store/queries';
import { dismissLostDatabase, type LostDatabase } from '../sync/engine';

/** Tells the user that this device's local data had vanished, and what the server still had. */
export function LostDatabaseBanner() {
  const lost = useQuery(queries.meta('lostDatabase'));
  const value = lost.data as LostDatabase | null | undefined;
  if (!value) return null;
  return (
    <div className="banner" role="alert" data-testid="lost-database">
      <p>
        {t('sync.lostDatabase')}{' '}
        {value.acknowledged !== undefined && t('sync.lostDatabaseAcknowledged', { count: value.acknowledged })}
      </p>
      <button type="button" className="small" onClick={() => void dismissLostDatabase()}>
        {t('conflicts.dismiss')}
      </button>
    </div>
  );
}
