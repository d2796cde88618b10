import { useState } from 'react';
import { Link } from 'react-router';
import type { Seance } from '../../domain/schemas';
import { t, tCode } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { setSeanceStatus } from '../../store/seanceCommands';

/** What the secretary can do next with the séance, in the order of the day. */
export function SeanceActions({ seance }: { seance: Seance }) {
  const [error, setError] = useState<string>();
  const move = (status: Seance['status']) =>
    setSeanceStatus(seance.id, status)
      .then(() => setError(undefined))
      .catch((e: unknown) => setError(e instanceof ValidationError ? (e.formError ?? e.message) : String(e)));

  return (
    <nav aria-label={t('seance.actions')} className="actions">
      <Link className="button" to={`/seances/${seance.id}/appel`}>
        {t('attendance.link')}
      </Link>
      {/* Pouvoirs belong to the body: one may cover this séance and the next ones. */}
      <Link className="button" to={`/instances/${seance.bodyId}/pouvoirs`}>
        {t('proxies.link')}
      </Link>
      <Link className="button" to={`/seances/${seance.id}/ordre-du-jour`}>
        {t('seance.agenda')}
      </Link>
      {seance.status === 'draft' && (
        <button type="button" onClick={() => void move('convened')}>
          {t('seance.convene')}
        </button>
      )}
      {(seance.status === 'draft' || seance.status === 'convened') && (
        <button type="button" className="primary" onClick={() => void move('in_progress')}>
          {t('seance.start')}
        </button>
      )}
      {seance.status === 'in_progress' && (
        <Link className="button primary" to={`/seances/${seance.id}/cloture`}>
          {t('seance.closing')}
        </Link>
      )}
      {error && (
        <p className="error" role="alert">
          {tCode(error)}
        </p>
      )}
    </nav>
  );
}
