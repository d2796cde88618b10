import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useOnline } from '../../ui/useOnline';
import { t } from '../../i18n';
import { roleLabel } from './roleLabel';
import { queries } from '../../store/queries';
import type { LocalSession } from '../../sync/session';
import { Notice } from './Notice';
import { accountKeys, accountsApi, dateTime, errorText } from './api';
import { NeedsNetwork } from './NeedsNetwork';

/** Every user's own account (/mon-compte): their open sessions, each of which they may end. */
export function MyAccountPage() {
  const online = useOnline();
  const client = useQueryClient();
  const session = useQuery(queries.meta('session'));
  const s = session.data as LocalSession | null | undefined;
  const sessions = useQuery({ queryKey: accountKeys.sessions, queryFn: accountsApi.sessions, enabled: online });
  const [done, setDone] = useState<string>();
  const end = useMutation({
    mutationFn: (id: string) => accountsApi.endSession(id),
    onSuccess: async () => {
      setDone(t('myAccount.ended'));
      await client.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });

  return (
    <main id="contenu" className="page">
      <h1>{t('myAccount.title')}</h1>
      {s && (
        <p>
          <strong>{s.user.name}</strong>
          {s.user.email ? ` — ${s.user.email}` : ''}
          <span className="admin-sub">{t('myAccount.role', { role: roleLabel(s.role) })}</span>
        </p>
      )}
      <section aria-labelledby="my-sessions" className="admin-section">
        <h2 id="my-sessions">{t('myAccount.sessions')}</h2>
        <p>{t('myAccount.sessionsIntro')}</p>
        <Notice message={done} />
        {!online && <NeedsNetwork />}
        {online && sessions.isPending && <p>{t('status.loading')}</p>}
        {sessions.isError && (
          <p className="error" role="alert">
            {errorText(sessions.error)}
          </p>
        )}
        {end.isError && (
          <p className="error" role="alert">
            {errorText(end.error)}
          </p>
        )}
        {sessions.data?.length === 0 && <p>{t('myAccount.none')}</p>}
        {sessions.data && sessions.data.length > 0 && (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('myAccount.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('myAccount.session')}</th>
                  <th scope="col">{t('myAccount.createdAt')}</th>
                  <th scope="col">{t('myAccount.lastSeenAt')}</th>
                  <th scope="col">{t('myAccount.expiresAt')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{x.current ? t('myAccount.current') : t('myAccount.other')}</th>
                    <td>{dateTime(x.createdAt)}</td>
                    <td>{dateTime(x.lastSeenAt)}</td>
                    <td>{dateTime(x.expiresAt)}</td>
                    <td>
                      {x.current ? (
                        <span className="muted">{t('myAccount.currentHint')}</span>
                      ) : (
                        <button
                          type="button"
                          className="small"
                          disabled={!online || end.isPending}
                          aria-label={t('myAccount.endLabel', { date: dateTime(x.createdAt) })}
                          onClick={() => {
                            setDone(undefined);
                            end.mutate(x.id);
                          }}
                        >
                          {t('myAccount.end')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
