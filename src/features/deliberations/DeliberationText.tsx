import { actesLabel } from '../../domain/actes';
import type { Deliberation } from '../../domain/schemas';
import { t } from '../../i18n';

/**
 * The deliberation as the register prints it. Everything typed is rendered as text (React
 * escapes it): markup such as <script> shows as characters, and dir="auto" lets a line in a
 * right-to-left script read the right way.
 */
export function DeliberationText({ item, verb, rapporteur }: { item: Deliberation; verb: string; rapporteur: string }) {
  return (
    <article className="delib-doc" aria-labelledby="doc-object" data-testid="deliberation-text">
      <h2 id="doc-object" className="delib-doc-object">
        <span className="delib-doc-label">{t('delib.object')} : </span>
        <span dir="auto">{item.object}</span>
      </h2>
      {item.actesSubject && (
        <p>
          {t('delib.actes')} : {actesLabel(item.actesSubject)}
        </p>
      )}
      {rapporteur && (
        <p>
          {t('delib.rapporteur')} : {rapporteur}
        </p>
      )}
      {item.preamble && (
        <p className="delib-doc-preamble" dir="auto">
          {item.preamble}
        </p>
      )}
      {item.kind === 'deliberation' && (
        <>
          <p className="delib-verb">{verb}</p>
          {item.visas.length > 0 && (
            <ul className="delib-doc-list">
              {item.visas.map((v, i) => (
                <li key={i} dir="auto">
                  {v}
                </li>
              ))}
            </ul>
          )}
          {item.recitals.length > 0 && (
            <ul className="delib-doc-list">
              {item.recitals.map((r, i) => (
                <li key={i} dir="auto">
                  {r}
                </li>
              ))}
            </ul>
          )}
          <p className="delib-verb">{t('delib.deliberates')}</p>
          {item.articles.map((a, i) => (
            <p key={i} className="delib-doc-article">
              <strong>{t('delib.article', { n: i + 1 })} – </strong>
              <span dir="auto">{a}</span>
            </p>
          ))}
        </>
      )}
    </article>
  );
}
