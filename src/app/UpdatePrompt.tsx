import { useRegisterSW } from 'virtual:pwa-register/react';
import { useEffect } from 'react';
import { t } from '../i18n';
import { useAnyDirtyForm } from '../ui/dirtyForms';

/** Offers a new version; never reloads while a form is being edited. */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();
  const dirty = useAnyDirtyForm();

  // "Ready offline" is good news, not a question: it fades by itself and never blocks a click.
  useEffect(() => {
    if (!offlineReady) return;
    const timer = setTimeout(() => setOfflineReady(false), 8000);
    return () => clearTimeout(timer);
  }, [offlineReady, setOfflineReady]);

  if (needRefresh) {
    return (
      <div className="toast" role="status">
        <p>{t('update.available')}</p>
        {dirty && <p className="muted">{t('update.blockedByForm')}</p>}
        <div className="actions">
          <button type="button" className="primary" disabled={dirty} onClick={() => void updateServiceWorker(true)}>
            {t('update.apply')}
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
            {t('update.later')}
          </button>
        </div>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <p className="toast toast-passive" role="status" data-testid="offline-ready">
        {t('offline.ready')}
      </p>
    );
  }
  return null;
}
