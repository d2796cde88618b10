import { useState } from 'react';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { dateTime } from './api';

/**
 * A one-time link (a password reset, an invitation) to pass on to its person: shown once, with
 * its expiry and a copy button.
 */
export function OneTimeLink({ label, link, expiresAt, testId }: { label: string; link: string; expiresAt: string; testId: string }) {
  const [copied, setCopied] = useState<string>();
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
      <Field label={label} hint={t('account.resetExpiry', { date: dateTime(expiresAt) })}>
        {(p) => <input {...p} type="text" readOnly value={link} onFocus={(e) => e.target.select()} data-testid={testId} />}
      </Field>
      <button type="button" onClick={() => void copy()}>
        {t('account.copy')}
      </button>
      <div role="status">{copied && <p className="notice">{copied}</p>}</div>
    </div>
  );
}
