import { t } from '../../i18n';

/** Accounts live on the server: without the network these screens can only say so. */
export function NeedsNetwork() {
  return (
    <p className="notice" role="status">
      {t('accounts.needsNetwork')}
    </p>
  );
}
