import { checkConvocation } from '../../domain/convocation';
import { t } from '../../i18n';

interface Props {
  sent: string;
  seance: string;
  population: number;
  urgencyReason: string;
}

/** Live notice of the jours francs (CGCT L2121-11/12): a warning, not a refusal. */
export function ConvocationCheck({ sent, seance, population, urgencyReason }: Props) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(sent) || !/^\d{4}-\d{2}-\d{2}$/.test(seance) || sent > seance) return null;
  let check: ReturnType<typeof checkConvocation>;
  try {
    check = checkConvocation({ sentIso: sent, seanceIso: seance, population, urgencyReason });
  } catch {
    return null;
  }
  return (
    <p className={check.ok ? 'notice' : 'notice warning'} role="status" data-testid="convocation-check">
      {!check.ok && <strong>⚠ </strong>}
      {t('seance.convocationDays', { days: check.clearDays, required: check.required })}
      {check.code && <> {t(check.code)}</>}
    </p>
  );
}
