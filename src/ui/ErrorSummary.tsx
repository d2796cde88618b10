import type { Ref } from 'react';
import { t } from '../i18n';
import { fieldError, type FormErrors } from './useCommandForm';

interface Props {
  errors: FormErrors;
  /** The label of each field, by the name the command reports errors under. */
  labels: Record<string, string>;
  ref: Ref<HTMLDivElement>;
}

/** Lists what to fix, field by field, so a screen-reader user hears it all at once (RGAA 11.10). */
export function ErrorSummary({ errors, labels, ref }: Props) {
  const fields = Object.keys(labels).filter((name) => fieldError(errors, name));
  const other = Object.keys(errors).filter((k) => k !== '_form' && !fields.some((f) => k === f || k.startsWith(`${f}.`)));
  const count = fields.length + other.length + (errors._form ? 1 : 0);
  if (count === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <p>{t('admin.formErrors', { count })}</p>
      <ul className="admin-error-list">
        {errors._form && <li>{t(errors._form)}</li>}
        {fields.map((name) => (
          <li key={name}>
            {labels[name]} : {t(fieldError(errors, name) ?? '')}
          </li>
        ))}
        {other.map((k) => (
          <li key={k}>{t(errors[k] ?? '')}</li>
        ))}
      </ul>
    </div>
  );
}
