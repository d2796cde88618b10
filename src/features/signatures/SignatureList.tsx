import type { Signature } from '../../domain/schemas';
import { t } from '../../i18n';

/**
 * Who signed, in which capacity, when, and what exactly (hash and device key). A signature whose
 * hash is not the act's current one (`currentHash`) covers a text corrected since: it is kept
 * (signatures are never removed) and says that it no longer counts.
 */
export function SignatureList({ signatures, currentHash }: { signatures: Signature[]; currentHash?: string | null | undefined }) {
  if (signatures.length === 0) return null;
  return (
    <ul className="signatures" data-testid="signatures">
      {signatures.map((s) => (
        <li key={s.id}>
          {s.png && <img src={s.png} alt={t('signature.signed', { name: s.signerName, capacity: s.capacity, date: '' })} className="signature-img" />}
          <p>{t('signature.signed', { name: s.signerName, capacity: s.capacity, date: new Date(s.signedAt).toLocaleString('fr-FR') })}</p>
          <p className="muted small-text">{t('signature.hash', { hash: s.contentHash })}</p>
          <p className="muted small-text">{t('signature.deviceKey', { key: s.deviceKeyId })}</p>
          {currentHash && s.contentHash !== currentHash && (
            <p className="warning" data-testid="signature-stale">
              {t('signature.stale')}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
