import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { canEdit } from '../../domain/status';
import type { Deliberation, Seance } from '../../domain/schemas';
import { t } from '../../i18n';
import { addRectifyingItem, getDeliberation, rectifiedBy } from '../../store/deliberationCommands';
import { liveRead } from '../../store/live';
import { queries } from '../../store/queries';
import { displayDate } from '../../ui/format';
import { errorMessage } from './errors';

const linkOf = (d: Deliberation) => `/seances/${d.seanceId}/points/${d.id}`;
const labelOf = (d: Deliberation) => d.registryNumber ?? d.object.slice(0, 80);

/** On an act that rectifies a sealed one: which one, with a link. */
export function RectifiesNotice({ item }: { item: Deliberation }) {
  const rectifies = item.rectifies ?? '';
  const target = useQuery({ ...liveRead(['deliberation', rectifies], () => getDeliberation(rectifies)), enabled: !!rectifies });
  if (!item.rectifies) return null;
  return (
    <p className="notice" data-testid="rectifies">
      {t('delib.rectifies')} {target.data ? <Link to={linkOf(target.data)}>{labelOf(target.data)}</Link> : item.rectifies}.
    </p>
  );
}

/**
 * On a sealed act: the acts that rectify it, and a way to put a rectifying act on the agenda of
 * an open séance of the same body. The sealed act itself is never edited.
 */
export function RectifyPanel({ item, seance }: { item: Deliberation; seance: Seance }) {
  const id = useId();
  const navigate = useNavigate();
  const later = useQuery(liveRead(['rectifiedBy', item.id], () => rectifiedBy(item.id)));
  const seances = useQuery(queries.seances(seance.organisationId));
  const open = (seances.data ?? []).filter((s) => s.bodyId === seance.bodyId && s.id !== seance.id && canEdit(s.status));
  const [target, setTarget] = useState('');
  const [error, setError] = useState('');
  if (item.kind !== 'deliberation') return null;
  const chosen = target || open[0]?.id || '';

  async function create() {
    try {
      const created = await addRectifyingItem(item.id, chosen);
      await navigate(linkOf(created));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="delib-rectify">
      <h2 id={`${id}-title`}>{t('delib.rectifyTitle')}</h2>
      {!!later.data?.length && (
        <p data-testid="rectified-by">
          {t('delib.rectifiedBy')} :{' '}
          {later.data.map((d, i) => (
            <span key={d.id}>
              {i > 0 && ', '}
              <Link to={linkOf(d)}>{labelOf(d)}</Link>
            </span>
          ))}
        </p>
      )}
      <p className="hint">{t('delib.rectifyHelp')}</p>
      {open.length === 0 ? (
        <p>
          {t('delib.rectifyNoSeance')} <Link to="/seances/nouvelle">{t('home.newSeance')}</Link>
        </p>
      ) : (
        <div className="row">
          <label className="field">
            <span>{t('delib.rectifySeance')}</span>
            <select value={chosen} onChange={(e) => setTarget(e.target.value)}>
              {open.map((s) => (
                <option key={s.id} value={s.id}>
                  {displayDate(s.date)} — {s.place}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void create()}>
            {t('delib.rectifyCreate')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
