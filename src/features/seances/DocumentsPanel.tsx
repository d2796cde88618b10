import { useState } from 'react';
import type { Deliberation } from '../../domain/schemas';
import { t } from '../../i18n';
import { exportSeanceFile } from '../../store/seanceFile';
import { download } from '../../ui/download';
import { logoForPrinting, openData, renderDocument, type DocumentKind } from './generate';

interface Props {
  seanceId: string;
  items: Deliberation[];
}

/** The séance's legal documents, made on this device even with no network. */
export function DocumentsPanel({ seanceId, items }: Props) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const run = (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(undefined);
    work()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(undefined));
  };
  const pdf = (kind: DocumentKind, name: string, id?: string) =>
    run(name, async () => {
      const file = await exportSeanceFile(seanceId);
      download(await renderDocument(file, kind, id, await logoForPrinting(file.organisation)), name);
    });

  return (
    <section aria-labelledby="docs-title">
      <h2 id="docs-title">{t('docs.title')}</h2>
      <div className="actions">
        <button type="button" onClick={() => pdf('minutes', 'proces-verbal.pdf')}>
          {t('docs.minutes')}
        </button>
        <button type="button" onClick={() => pdf('list', 'liste.pdf')}>
          {t('docs.list')}
        </button>
        <button type="button" onClick={() => pdf('register', 'registre.pdf')}>
          {t('docs.register')}
        </button>
        {items
          .filter((i) => i.kind === 'deliberation' && i.registryNumber)
          .map((i) => (
            <button key={i.id} type="button" onClick={() => pdf('extract', `extrait-${i.registryNumber}.pdf`, i.id)}>
              {t('docs.extract', { number: i.registryNumber ?? '' })}
            </button>
          ))}
        <button
          type="button"
          onClick={() =>
            run('csv', async () => {
              const data = await openData(await exportSeanceFile(seanceId));
              download(data.csv, 'deliberations.csv');
              download(data.popolo, 'popolo.json');
            })
          }
        >
          {t('docs.openData')}
        </button>
        <button
          type="button"
          onClick={() =>
            run('json', async () => {
              const file = await exportSeanceFile(seanceId);
              download(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), `seance-${file.seance.date}.json`);
            })
          }
        >
          {t('docs.seanceFile')}
        </button>
      </div>
      {busy && (
        <p role="status" data-testid="docs-busy">
          {t('docs.working', { name: busy })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
