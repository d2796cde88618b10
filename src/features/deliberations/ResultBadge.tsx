import { resultLabelKey, type Result } from '../../domain/tally';
import { t } from '../../i18n';

/** The result as the register prints it; its wording carries the meaning, not the colour. */
export function ResultBadge({ result, testId }: { result: Result | undefined; testId?: string }) {
  if (!result) return <span className="delib-result delib-result-none">{t('delib.notVoted')}</span>;
  return (
    <span className={`delib-result delib-result-${result.outcome}`} data-testid={testId}>
      {t(resultLabelKey(result))}
    </span>
  );
}

/** "N° 20111107_DL_04", with "provisoire" until the séance is closed. */
export function RegistryNumber({ number }: { number: { number: string; provisional: boolean } | undefined }) {
  if (!number) return null;
  return (
    <span className="delib-number">
      <span data-testid="registry-number">{number.number}</span>
      {number.provisional && <span className="delib-provisional"> ({t('delib.numberProvisional')})</span>}
    </span>
  );
}
