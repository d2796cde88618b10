import { Fragment, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { t, tCode } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { revokeProxy } from '../../store/proxyCommands';
import { displayDate } from '../../ui/format';
import { nameOrUnknown, seanceLabel } from './labels';
import type { ProxyRow } from './proxyView';

/** The body's pouvoirs, newest first; an active one is revoked after a confirmation. */
export function ProxyList({ rows }: { rows: ProxyRow[] }) {
  const [confirming, setConfirming] = useState<string>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(0);
  const notice = useRef<HTMLParagraphElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement>());

  // The question takes the focus so it is read out; after a revocation the confirmation does.
  useEffect(() => confirmButton.current?.focus(), [confirming]);
  useEffect(() => {
    if (done > 0) notice.current?.focus();
  }, [done]);

  const cancel = (id: string) => {
    setConfirming(undefined);
    setError(undefined);
    requestAnimationFrame(() => revokeButtons.current.get(id)?.focus());
  };
  const revoke = (id: string) => {
    revokeProxy(id)
      .then(() => {
        setConfirming(undefined);
        setError(undefined);
        setDone((n) => n + 1);
      })
      .catch((e: unknown) => setError(e instanceof ValidationError ? (e.formError ?? e.message) : t('error.unknown', { reason: String(e) })));
  };

  return (
    <section aria-labelledby="proxies-list" className="proxies-list">
      <h2 id="proxies-list">{t('proxies.list')}</h2>
      <div role="status" className="admin-status">
        {done > 0 && (
          <p className="notice" tabIndex={-1} ref={notice}>
            {t('proxies.revoked')}
          </p>
        )}
      </div>
      {rows.length === 0 ? (
        <p>{t('proxies.empty')}</p>
      ) : (
        <table className="table proxies-table">
          <caption className="visually-hidden">{t('proxies.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proxies.giverToHolder')}</th>
              <th scope="col">{t('proxies.seances')}</th>
              <th scope="col">{t('proxies.writtenOn')}</th>
              <th scope="col">{t('proxies.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('proxies.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const id = row.proxy.id;
              const giver = nameOrUnknown(row.giver);
              const holder = nameOrUnknown(row.holder);
              return (
                <Fragment key={id}>
                  <tr data-testid="proxy-row">
                    <th scope="row" className="proxies-text">
                      <span className="proxies-nowrap">{giver}</span>
                      <span className="proxies-holder proxies-nowrap">
                        <span aria-hidden="true">→ </span>
                        <span className="visually-hidden">{t('proxies.to')} </span>
                        {holder}
                      </span>
                    </th>
                    <td>
                      <ul className="proxies-seance-list">
                        {row.seances.map((s) => (
                          <li key={s.id}>
                            <Link to={`/seances/${s.id}`}>{seanceLabel(s)}</Link>
                          </li>
                        ))}
                      </ul>
                      {row.proxy.illness && <span className="proxies-tag" title={t('proxies.illnessNoted')}>{t('proxies.illness')}</span>}
                    </td>
                    <td className="proxies-text proxies-nowrap">{displayDate(row.proxy.writtenOn)}</td>
                    <td className="proxies-text">
                      {row.status.kind === 'active' ? (
                        <span className="admin-state admin-state-current">{t('proxies.active')}</span>
                      ) : (
                        <span className="admin-state admin-state-past">{t('proxies.revokedOn', { date: displayDate(row.status.on) })}</span>
                      )}
                    </td>
                    <td>
                      {row.canRevoke ? (
                        <button
                          type="button"
                          ref={(el) => {
                            if (el) revokeButtons.current.set(id, el);
                            else revokeButtons.current.delete(id);
                          }}
                          aria-expanded={confirming === id}
                          onClick={() => {
                            setError(undefined);
                            setConfirming(confirming === id ? undefined : id);
                          }}
                        >
                          {t('proxies.revoke')}
                          <span className="visually-hidden"> {t('proxies.revokeWhat', { giver, holder })}</span>
                        </button>
                      ) : (
                        row.status.kind === 'active' && <span className="hint">{t('proxies.cannotRevoke')}</span>
                      )}
                    </td>
                  </tr>
                  {confirming === id && (
                    <tr className="admin-inline">
                      <td colSpan={5}>
                        <div role="group" aria-labelledby={`confirm-${id}`} className="proxies-confirm">
                          <p id={`confirm-${id}`}>{t('proxies.confirmRevoke', { giver, holder })}</p>
                          {error && (
                            <p className="error" role="alert">
                              {tCode(error)}
                            </p>
                          )}
                          <div className="actions">
                            <button type="button" className="primary" ref={confirmButton} onClick={() => revoke(id)}>
                              {t('proxies.confirmRevokeButton')}
                            </button>
                            <button type="button" onClick={() => cancel(id)}>
                              {t('proxies.cancel')}
                            </button>
                          </div>
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
