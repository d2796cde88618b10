import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n';
import { ValidationError } from '../store/errors';

export type FormErrors = Record<string, string>;

/**
 * Runs a store command for a form: field errors (catalog keys) on refusal, focus moved to the
 * error summary so it is read out, `saving` while the command runs.
 */
export function useCommandForm() {
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Counts refusals: each one moves focus to the summary once it is on screen.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) summaryRef.current?.focus();
  }, [refusals]);

  async function run<T>(command: () => Promise<T>): Promise<T | undefined> {
    setSaving(true);
    try {
      const result = await command();
      setErrors({});
      return result;
    } catch (err) {
      if (err instanceof ValidationError) {
        setErrors({ ...err.fieldErrors, ...(err.formError ? { _form: err.formError } : {}) });
      } else {
        setErrors({ _form: t('error.unknown', { reason: String(err) }) });
      }
      setRefusals((n) => n + 1);
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  return { errors, saving, summaryRef, run };
}

/**
 * The fields the user changed since the form opened. Only these are sent: a field another
 * device changed meanwhile (and a pull brought in) is not overwritten with the stale value
 * the form still shows.
 */
export function touchedFields<T extends Record<string, string>>(initial: T, form: T): Partial<T> {
  return Object.fromEntries(Object.entries(form).filter(([k, v]) => initial[k] !== v)) as Partial<T>;
}

/** The error of a field, including those of its items ("addressLines.2" for "addressLines"). */
export function fieldError(errors: FormErrors, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const key = Object.keys(errors).find((k) => k.startsWith(`${name}.`));
  return key ? errors[key] : undefined;
}
