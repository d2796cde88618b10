import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isClosed } from '../../domain/status';
import { presentAt } from '../../domain/attendance';
import { t } from '../../i18n';
import { closeSeance } from '../../store/closing';
import { CommandRefused } from '../../store/deliberationCommands';
import { CorrectionsList } from './CorrectionsList';
import { errorMessage } from './errors';
import { delibQueries } from './queries';
import { RegistryNumber, ResultBadge } from './ResultBadge';
import { Loading, SeanceNotFound } from './SeanceNotFound';
import { useSeanceItems } from './useSeanceItems';

/** The closing sheet: every item with its counts and result, then the closing itself. */
export function ClosingPage() {
  const { seanceId = '' } = useParams();
  const { isPending, data } = useSeanceItems(seanceId);
  const corrections = useQuery(delibQueries.corrections(seanceId));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  // Asked only when another séance of the day already holds the default numbers.
  const [type, setType] = useState<string>();

  if (isPending) return <Loading />;
  if (!data) return <SeanceNotFound />;
  const { seance, views } = data;
  const closed = isClosed(seance.status);
  // The closing sheet lists the members present (R2121-9): those present at the opening.
  const presentAtOpening = data.members.filter((m) => {
    const row = data.attendance.find((a) => a.memberId === m.id);
    return row !== undefined && presentAt(row, 1);
  });

  const close = () =>
    closeSeance(seance.id, new Date(), type === undefined ? {} : { type }).then(
      () => {
        setError('');
        setConfirming(false);
      },
      (e: unknown) => {
        setError(errorMessage(e));
        setConfirming(false);
        if (e instanceof CommandRefused && (e.message === 'closing.numberTaken' || e.message === 'closing.badType')) setType((v) => v ?? '');
      },
    );

  return (
    <main id="contenu" className="page wide">
      <p className="delib-back">
        <Link to={`/seances/${seance.id}`}>← {data.title}</Link>
      </p>
      <h1>{t('closing.title', { seance: data.title })}</h1>
      {closed && (
        <p className="notice" role="status" data-testid="closed-notice">
          {t('closing.closed')}
        </p>
      )}
      <h2>{t('closing.summary')}</h2>
      <div className="delib-table-scroll">
        <table className="table delib-summary" data-testid="closing-summary">
          <caption className="visually-hidden">{t('closing.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('delib.order')}</th>
              <th scope="col">{t('delib.object')}</th>
              <th scope="col">{t('delib.registryNumber')}</th>
              <th scope="col" className="num">{t('closing.voters')}</th>
              <th scope="col" className="num">{t('delib.yes')}</th>
              <th scope="col" className="num">{t('delib.no')}</th>
              <th scope="col" className="num">
                <abbr title={t('closing.abstainCol')}>{t('closing.abstainShort')}</abbr>
              </th>
              <th scope="col" className="num">
                <abbr title={t('delib.notVoting')}>{t('closing.notVotingShort')}</abbr>
              </th>
              <th scope="col">{t('delib.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {views.map(({ item, counts, result, number, vote }) => {
              // An appointment has no pour / contre: its rounds are in its result.
              const c = vote && vote.mode !== 'appointment' ? result?.counts : undefined;
              return (
                <tr key={item.id} data-testid={`summary-${item.orderNumber}`}>
                  <td>{item.orderNumber}</td>
                  <td className="delib-summary-object">
                    <Link to={`/seances/${seance.id}/points/${item.id}`} dir="auto">
                      {item.object}
                    </Link>
                  </td>
                  <td><RegistryNumber number={number} /></td>
                  <td className="num">
                    {counts.voters}
                    <span className="delib-sub">
                      {t('closing.presentRepresented', { present: counts.present.length, represented: counts.represented.length })}
                    </span>
                  </td>
                  <td className="num">{c?.yes ?? '–'}</td>
                  <td className="num">{c?.no ?? '–'}</td>
                  <td className="num">{c ? c.abstain + c.blank + c.invalid : '–'}</td>
                  <td className="num">{c ? c.notVoting + counts.withdrawn.length : '–'}</td>
                  <td><ResultBadge result={result} nameOf={data.nameOf} civilityOf={(id) => data.memberById.get(id)?.civility} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>{t('closing.presentMembers', { names: presentAtOpening.map((m) => data.nameOf(m.id)).join(', ') || t('closing.none') })}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {seance.status === 'in_progress' && type !== undefined && (
        <div className="field delib-type">
          <label htmlFor="registry-type">{t('closing.type')}</label>
          <p className="hint" id="registry-type-hint">
            {t('closing.typeHint', { example: `${seance.date.replaceAll('-', '')}_${type || 'CS'}_01` })}
          </p>
          <input id="registry-type" type="text" value={type} maxLength={6} autoCapitalize="characters" aria-describedby="registry-type-hint"
            onChange={(e) => setType(e.target.value.toUpperCase())} />
        </div>
      )}
      {seance.status === 'in_progress' && !confirming && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            {t('closing.close')}
          </button>
        </div>
      )}
      {confirming && (
        <div className="delib-confirm" role="group" aria-labelledby="confirm-text">
          <p id="confirm-text">{t('closing.confirmText')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void close()}>
              {t('closing.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('closing.cancel')}
            </button>
          </div>
        </div>
      )}
      {closed && <CorrectionsList corrections={corrections.data ?? []} views={views} />}
      <nav className="actions" aria-label={t('seance.actions')}>
        <Link className="button" to={`/seances/${seance.id}/ordre-du-jour`}>
          {t('delib.toAgenda')}
        </Link>
      </nav>
    </main>
  );
}
