import { useRef, useState } from 'react';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { MIN_PASSWORD_LENGTH } from './api';

/**
 * A new password typed twice (a reset link, an invitation): its two fields, and a check that says
 * what is wrong beside the field and moves focus to it. The server checks the length again.
 */
export function usePasswordChoice() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);

  /** True when both fields hold the same acceptable password; otherwise says why, focus on the field. */
  function check(): boolean {
    const found = {
      ...(password.length < MIN_PASSWORD_LENGTH ? { password: 'reset.tooShort' } : {}),
      ...(password !== confirm ? { confirm: 'reset.mismatch' } : {}),
    };
    setErrors(found);
    if (found.password) first.current?.focus();
    else if (found.confirm) second.current?.focus();
    return !found.password && !found.confirm;
  }

  const fields = (
    <>
      <Field label={t('reset.password')} hint={t('reset.hint')} error={errors.password}>
        {(p) => <input {...p} ref={first} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={MIN_PASSWORD_LENGTH} />}
      </Field>
      <Field label={t('reset.confirm')} error={errors.confirm}>
        {(p) => <input {...p} ref={second} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />}
      </Field>
    </>
  );

  return { password, check, fields };
}
