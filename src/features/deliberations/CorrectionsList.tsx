import { t, tCode } from '../../i18n';
import type { Correction } from '../../store/db';
import type { ItemView } from './useSeanceItems';

const show = (value: unknown) => (Array.isArray(value) ? value.join(' / ') : String(value ?? ''));

/** Corrections made after closing, oldest first: who, when, why, and the text before and after. */
export function CorrectionsList({ corrections, views }: { corrections: Correction[]; views: ItemView[] }) {
  const orderOf = (id: string | undefined) => views.find((v) => v.item.id === id)?.item.orderNumber ?? '?';
  return (
    <section aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t('closing.corrections')}</h2>
      {corrections.length === 0 ? (
        <p className="muted">{t('closing.noCorrection')}</p>
      ) : (
        <ol className="delib-corrections" data-testid="corrections">
          {corrections.map((c) => (
            <li key={c.id}>
              <p>
                {t('closing.correctionLine', {
                  date: new Date(c.at).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' }),
                  author: c.author,
                  field: tCode(`closing.field.${c.field}`),
                  order: orderOf(c.deliberationId),
                  reason: c.reason,
                })}
              </p>
              <dl className="details">
                <dt>{t('closing.before')}</dt>
                <dd dir="auto">{show(c.before)}</dd>
                <dt>{t('closing.after')}</dt>
                <dd dir="auto">{show(c.after)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
