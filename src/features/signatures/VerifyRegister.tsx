import { useState } from 'react';
import type { RegisterCheck } from '../../domain/verifyRegister';
import { t } from '../../i18n';

/**
 * Checks the register on this device: the seal chain, each seal's signature by the server and
 * each signature of the sealed séances, with the published keys. Says what fails, if anything.
 */
export function VerifyRegister() {
  const [outcome, setOutcome] = useState<RegisterCheck>();
  const run = async () => {
    const { verifyLocalRegister } = await import('../../store/registerCheck');
    setOutcome(await verifyLocalRegister());
  };
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t('seal.verify')}</h2>
      <button type="button" onClick={() => void run()}>
        {t('seal.verify')}
      </button>
      {outcome && (
        <div role="status" className={outcome.ok ? 'notice sealed' : 'notice warning'} data-testid="verify-result">
          {outcome.ok ? (
            <p>{t('seal.valid', { count: outcome.sealed, signatures: outcome.signatures })}</p>
          ) : (
            <>
              <p>{t('seal.broken', { count: outcome.problems.length })}</p>
              {/* The register's own French sentences (domain/verifyRegister.ts), one per problem. */}
              <ul>
                {outcome.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
