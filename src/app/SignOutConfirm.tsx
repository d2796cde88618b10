import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ownPendingText } from '../ui/pendingText';
import { t } from '../i18n';
import { pendingCount } from '../store/outbox';
import { syncHere, withSyncPaused } from '../sync/scheduler';
import { useOnline } from '../ui/useOnline';

/**
 * Asked before signing out while the user's own changes are not sent: they would stay on the
 * device until this user signs in here again. Offers to send them first (when online), to sign
 * out all the same, or to stay. Focus goes to the first choice; Escape stays.
 */
export function SignOutConfirm(props: { count: number; canSend: boolean; onSignOut: () => void; onCancel: () => void }) {
  const { count, onSignOut, onCancel } = props;
  // Sending needs the network and a session the server still accepts.
  const online = useOnline() && props.canSend;
  const first = useRef<HTMLButtonElement>(null);
  const [sending, setSending] = useState(false);
  const [notSent, setNotSent] = useState(false);

  useEffect(() => first.current?.focus(), []);

  async function sendThenSignOut() {
    setSending(true);
    setNotSent(false);
    await withSyncPaused(() => syncHere()).catch(() => undefined);
    const left = await pendingCount();
    setSending(false);
    if (left === 0) onSignOut();
    else setNotSent(true);
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') onCancel();
  };

  return (
    <div className="banner sign-out-confirm" role="alertdialog" aria-labelledby="sign-out-title" aria-describedby="sign-out-text" onKeyDown={onKeyDown} data-testid="sign-out-confirm">
      <h2 id="sign-out-title">{t('signOut.title')}</h2>
      <p id="sign-out-text">
        {ownPendingText(count)} {t('signOut.explain')} {!online && t('signOut.offline')}
      </p>
      {sending && <p role="status">{t('signOut.sending')}</p>}
      {notSent && <p role="alert">{t('signOut.notSent')}</p>}
      <div className="actions">
        {online && (
          <button type="button" className="primary" ref={first} disabled={sending} onClick={() => void sendThenSignOut()}>
            {t('signOut.sendFirst')}
          </button>
        )}
        <button type="button" ref={online ? undefined : first} disabled={sending} onClick={onSignOut}>
          {t('signOut.anyway')}
        </button>
        <button type="button" disabled={sending} onClick={onCancel}>
          {t('signOut.cancel')}
        </button>
      </div>
    </div>
  );
}
