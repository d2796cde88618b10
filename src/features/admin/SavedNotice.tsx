import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { tCode } from '../../i18n';

/**
 * After a save elsewhere, the screen it returns to says so. The message comes in the location
 * state, is shown once (cleared from history, so a reload does not repeat it), and is set after
 * the live region is on screen so screen readers announce it.
 */
export function useFlash(): string | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const key = (location.state as { flash?: unknown } | null)?.flash;
  const [message, setMessage] = useState<string>();
  useEffect(() => {
    if (typeof key !== 'string') return;
    setMessage(tCode(key));
    void navigate(location.pathname, { replace: true, state: null });
  }, [key, location.pathname, navigate]);
  return message;
}

/** A confirmation after a save, announced politely: the live region exists before its text. */
export function SavedNotice({ message }: { message: string | undefined }) {
  return (
    <div role="status" className="admin-status" data-testid="saved-notice">
      {message && <p className="notice">{message}</p>}
    </div>
  );
}
