import { useState } from 'react';
import { t } from '../../i18n';
import { displayDate } from '../../ui/format';

type Outcome = { ok: true; count: number } | { ok: false; index: number; date: string; reason: string };

/** Checks the register's seal chain on this device and says where it breaks, if it does. */
export function VerifyRegister() {
  const [outcome, setOutcome] = useState<Outcome>();
  const run = async () => {
    const { verifyLocalRegister } = await import('../../store/registerCheck');
    const { result, dates } = await verifyLocalRegister();
    setOutcome(
      result.ok
        ? { ok: true, count: result.length }
        : { ok: false, index: result.index, date: dates[result.index - 1] ?? '?', reason: result.reason },
    );
  };
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t('seal.verify')}</h2>
      <button type="button" onClick={() => void run()}>
        {t('seal.verify')}
      </button>
      {outcome && (
        <p role="status" className={outcome.ok ? 'notice sealed' : 'notice warning'} data-testid="verify-result">
          {outcome.ok
            ? t('seal.valid', { count: outcome.count })
            : t('seal.broken', { index: outcome.index, seance: displayDate(outcome.date), reason: t(`seal.reason.${outcome.reason}`) })}
        </p>
      )}
    </section>
  );
}
