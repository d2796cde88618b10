import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { canReorder } from '../../domain/agenda';
import { canEdit, isClosed } from '../../domain/status';
import { t } from '../../i18n';
import { deleteAgendaItem, moveAgendaItem } from '../../store/deliberationCommands';
import { AddItemForm } from './AddItemForm';
import { errorMessage } from './errors';
import { RegistryNumber, ResultBadge } from './ResultBadge';
import { Loading, SeanceNotFound } from './SeanceNotFound';
import { useSeanceItems } from './useSeanceItems';

export function AgendaPage() {
  const { seanceId = '' } = useParams();
  const { isPending, data } = useSeanceItems(seanceId);
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState<string>();

  if (isPending) return <Loading />;
  if (!data) return <SeanceNotFound />;
  const { seance, views } = data;
  const reorderable = canReorder(seance.status);
  const run = (action: () => Promise<unknown>) =>
    action().then(
      () => setError(''),
      (e: unknown) => setError(errorMessage(e)),
    );

  return (
    <main id="contenu" className="page">
      <p className="delib-back">
        <Link to={`/seances/${seance.id}`}>← {data.title}</Link>
      </p>
      <h1>{t('delib.agendaTitle', { seance: data.title })}</h1>
      <p className="notice">
        {reorderable ? t('delib.agendaReorderable') : isClosed(seance.status) ? t('delib.agendaClosed') : t('delib.agendaFixed')}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {views.length === 0 ? (
        <p>{t('delib.agendaEmpty')}</p>
      ) : (
        <table className="table delib-agenda" data-testid="agenda">
          <caption className="visually-hidden">{t('delib.agendaCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('delib.order')}</th>
              <th scope="col">{t('delib.object')}</th>
              <th scope="col">{t('delib.rapporteur')}</th>
              <th scope="col">{t('delib.outcome')}</th>
              {reorderable && <th scope="col">{t('delib.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {views.map(({ item, result, number }, index) => (
              <tr key={item.id} data-testid={`agenda-item-${item.orderNumber}`}>
                <td className="delib-order">{item.orderNumber}</td>
                <td>
                  <Link to={`/seances/${seance.id}/points/${item.id}`} className="delib-object-link" dir="auto">
                    {item.object}
                  </Link>
                  {item.kind === 'information' && <span className="delib-kind">{t('delib.kind.information')}</span>}
                </td>
                <td>{data.nameOf(item.rapporteurId)}</td>
                <td>
                  {item.kind === 'information' || result ? <ResultBadge result={result} nameOf={data.nameOf} civilityOf={(id) => data.memberById.get(id)?.civility} /> : <span className="muted">{t('delib.toBeVoted')}</span>}
                  <br />
                  <RegistryNumber number={number} />
                </td>
                {reorderable && (
                  <td>
                    <div className="delib-row-actions">
                      <button type="button" disabled={index === 0} aria-label={t('delib.moveUpItem', { order: item.orderNumber })}
                        onClick={() => void run(() => moveAgendaItem(item.id, 'up'))}>
                        <span aria-hidden="true">↑</span>
                      </button>
                      <button type="button" disabled={index === views.length - 1} aria-label={t('delib.moveDownItem', { order: item.orderNumber })}
                        onClick={() => void run(() => moveAgendaItem(item.id, 'down'))}>
                        <span aria-hidden="true">↓</span>
                      </button>
                      {confirming === item.id ? (
                        <button type="button" className="delib-danger" onClick={() => void run(() => deleteAgendaItem(item.id)).then(() => setConfirming(undefined))}>
                          {t('delib.confirmDelete')}
                        </button>
                      ) : (
                        <button type="button" aria-label={t('delib.deleteItem', { order: item.orderNumber })} onClick={() => setConfirming(item.id)}>
                          {t('delib.delete')}
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit(seance.status) && <AddItemForm seanceId={seance.id} members={data.members} />}
      <nav className="actions" aria-label={t('seance.actions')}>
        <Link className="button" to={`/seances/${seance.id}`}>
          {t('delib.backToSeance')}
        </Link>
        {(seance.status === 'in_progress' || isClosed(seance.status)) && (
          <Link className="button" to={`/seances/${seance.id}/cloture`}>
            {t('delib.toClosing')}
          </Link>
        )}
      </nav>
    </main>
  );
}
