import { useState } from 'react';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { dateTime } from './api';

/** The one-time link, to pass on to the person: shown once, with a copy button. */
export function ResetLink({ name, token, expiresAt }: { name: string; token: string; expiresAt: string }) {
  const [copied, setCopied] = useState<string>();
  const link = `${window.location.origin}/mot-de-passe/${token}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(t('account.copied'));
    } catch {
      setCopied(t('account.copyFailed'));
    }
  }
  return (
    <div className="account-reset">
      <Field label={t('account.resetLink', { name })} hint={t('account.resetExpiry', { date: dateTime(expiresAt) })}>
        {(p) => <input {...p} type="text" readOnly value={link} onFocus={(e) => e.target.select()} data-testid="reset-link" />}
      </Field>
      <button type="button" onClick={() => void copy()}>
        {t('account.copy')}
      </button>
      <div role="status">{copied && <p className="notice">{copied}</p>}</div>
    </div>
  );
}
