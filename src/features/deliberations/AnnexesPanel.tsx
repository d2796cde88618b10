import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { t } from '../../i18n';
import type { Annex } from '../../store/db';
import { addAnnex, removeAnnex } from '../../store/deliberationCommands';
import { errorMessage } from './errors';
import { delibQueries } from './queries';

/** An object URL for the stored file, revoked when the row goes away. */
function AnnexLink({ annex }: { annex: Annex }) {
  const url = useMemo(() => URL.createObjectURL(annex.data), [annex.data]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a href={url} download={annex.name} target="_blank" rel="noreferrer" aria-label={t('delib.openAnnex', { name: annex.name })} dir="auto">
      {annex.name}
    </a>
  );
}

/** Files annexed to the deliberation, kept in IndexedDB so they open offline. */
export function AnnexesPanel({ deliberationId, editable }: { deliberationId: string; editable: boolean }) {
  const id = useId();
  const annexes = useQuery(delibQueries.annexes(deliberationId));
  const [error, setError] = useState('');
  const run = (action: Promise<unknown>) =>
    action.then(
      () => setError(''),
      (e: unknown) => setError(errorMessage(e)),
    );

  return (
    <section className="delib-annexes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('delib.annexes')}</h2>
      {annexes.data?.length === 0 && <p className="muted">{t('delib.annexesEmpty')}</p>}
      {!!annexes.data?.length && (
        <ul data-testid="annexes">
          {annexes.data.map((a) => (
            <li key={a.id}>
              <AnnexLink annex={a} /> <span className="muted">({t('delib.annexSize', { size: Math.max(1, Math.round(a.size / 1024)) })})</span>
              {editable && (
                <button type="button" className="small" onClick={() => void run(removeAnnex(a.id))}>
                  {t('delib.removeAnnex', { name: a.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('delib.addAnnex')}</label>
          <p className="hint" id={`${id}-hint`}>
            {t('delib.annexHint')}
          </p>
          <input
            id={`${id}-file`}
            type="file"
            multiple
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void (async () => {
                for (const file of files) await run(addAnnex(deliberationId, { name: file.name, type: file.type, data: file }));
              })();
            }}
          />
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
