import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useOnline } from '../../ui/useOnline';
import type { AnnexAttachment } from '../../domain/schemas';
import { t } from '../../i18n';
import type { Annex } from '../../store/db';
import { addAnnex, removeAnnex, type AnnexEntry } from '../../store/deliberationCommands';
import { fetchMissingBytes, isSendable } from '../../sync/files';
import { SyncError } from '../../sync/transport';
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

/**
 * An annex whose bytes are on another device: downloaded on demand when online (with its
 * progress), else a note. Once stored, the list's query sees the bytes and shows the link.
 */
function MissingAnnex({ record }: { record: AnnexAttachment }) {
  const online = useOnline();
  const [state, setState] = useState<{ busy: boolean; percent: number; message: string; error: boolean }>({ busy: false, percent: 0, message: '', error: false });
  const name = record.name;

  async function download() {
    setState({ busy: true, percent: 0, message: '', error: false });
    try {
      const outcome = await fetchMissingBytes(
        { kind: 'annex', annex: record },
        { onProgress: (received, total) => setState((s) => ({ ...s, percent: total > 0 ? Math.min(100, Math.floor((received * 100) / total)) : 0 })) },
      );
      if (outcome === 'notOnServer') setState({ busy: false, percent: 0, message: t('delib.annexNotOnServer', { name }), error: false });
      else setState({ busy: false, percent: 100, message: '', error: false });
    } catch (e) {
      const reason = e instanceof SyncError ? e.message : t('delib.annexDownloadNetwork');
      setState({ busy: false, percent: 0, message: t('delib.annexDownloadFailed', { name, reason }), error: true });
    }
  }

  return (
    <>
      {!isSendable(record) ? (
        <span className="muted"> — {t('delib.annexNotShared')}</span>
      ) : online ? (
        <>
          {' '}
          <button type="button" className="small" disabled={state.busy} onClick={() => void download()} aria-label={t('delib.annexDownloadLabel', { name })}>
            {t('delib.annexDownload')}
          </button>
          {state.busy && (
            <progress max={100} value={state.percent} aria-label={t('delib.annexDownloading', { name, percent: state.percent })}>
              {t('delib.annexDownloading', { name, percent: state.percent })}
            </progress>
          )}
        </>
      ) : (
        <span className="muted"> — {t('delib.annexOnOtherDevice')}</span>
      )}
      {state.message && (
        <p className={state.error ? 'error' : 'muted'} role={state.error ? 'alert' : 'status'}>
          {state.message}
        </p>
      )}
    </>
  );
}

function AnnexRow({ entry }: { entry: AnnexEntry }) {
  return (
    <>
      {entry.annex ? <AnnexLink annex={entry.annex} /> : <span dir="auto">{entry.name}</span>}{' '}
      <span className="muted">({t('delib.annexSize', { size: Math.max(1, Math.round(entry.size / 1024)) })})</span>
      {!entry.record && <span className="muted"> — {t('delib.annexLocalOnly')}</span>}
      {!entry.annex && entry.record && <MissingAnnex record={entry.record} />}
    </>
  );
}

/**
 * Files annexed to the deliberation: every device lists them (their synced records); the bytes are
 * kept in IndexedDB so they open offline, and fetched from the server on demand on another device.
 */
export function AnnexesPanel({ deliberationId, editable }: { deliberationId: string; editable: boolean }) {
  const id = useId();
  const annexes = useQuery(delibQueries.annexEntries(deliberationId));
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
              <AnnexRow entry={a} />
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
            {t('delib.annexHintSynced')}
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
