import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { emptyCache } from '../../store/live';
import { useOnline } from '../../ui/useOnline';
import { t } from '../../i18n';
import { syncHere, withSyncPaused } from '../../sync/scheduler';
import { signInOnDevice } from '../../sync/session';
import { SyncError } from '../../sync/transport';
import { Field } from '../../ui/Field';
import { PendingOfOthers } from '../../ui/PendingOfOthers';

export function LoginPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const online = useOnline();
  const health = useQuery({ queryKey: ['health'], queryFn: async () => (await fetch('/api/health')).json() as Promise<{ demo?: boolean }>, enabled: online });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<number>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setProgress(0);
    try {
      // No sync in any tab meanwhile: the server's cookie changes hands (sync/session.ts).
      await withSyncPaused(async () => {
        // The previous user's changes go first, under their own session, when they can.
        const signedIn = await signInOnDevice(email, password);
        // Another user, maybe another organisation's database: nothing read before stays.
        await emptyCache(client);
        // The first pull can be long for a large organisation: progress is shown as it goes.
        // Offline, the device's own data is all there is; the sync waits for the network.
        if (!signedIn.offline) await syncHere(setProgress);
      });
      void navigate('/');
    } catch (err) {
      setProgress(undefined);
      setError(err instanceof SyncError ? err.message : t('error.unknown', { reason: String(err) }));
    }
  }

  return (
    <main id="contenu" className="page narrow">
      <h1>{t('login.title')}</h1>
      <p>{online ? t('login.intro') : t('login.offline')}</p>
      {health.data?.demo && <p className="notice">{t('login.demo')}</p>}
      <PendingOfOthers />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('login.email')}>
          {(p) => <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
        </Field>
        <Field label={t('login.password')}>
          {(p) => (
            <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          )}
        </Field>
        <button type="submit" className="primary" disabled={progress !== undefined}>
          {t('login.submit')}
        </button>
        {progress !== undefined && (
          <p role="status">
            {t('login.working')} {t('login.progress', { count: progress })}
          </p>
        )}
      </form>
    </main>
  );
}
