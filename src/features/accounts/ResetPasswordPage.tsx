import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useOnline } from '../../ui/useOnline';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { accountKeys, accountsApi, errorText, MIN_PASSWORD_LENGTH } from './api';
import { NeedsNetwork } from './NeedsNetwork';

/** A reset link opened (/mot-de-passe/:token): the person chooses a new password, then signs in. */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const online = useOnline();
  const link = useQuery({ queryKey: accountKeys.resetLink(token), queryFn: () => accountsApi.resetLink(token), enabled: online });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);
  const choose = useMutation({ mutationFn: () => accountsApi.choosePassword(token, password) });

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = {
      ...(password.length < MIN_PASSWORD_LENGTH ? { password: 'reset.tooShort' } : {}),
      ...(password !== confirm ? { confirm: 'reset.mismatch' } : {}),
    };
    setErrors(found);
    if (found.password) return first.current?.focus();
    if (found.confirm) return second.current?.focus();
    choose.mutate();
  }

  return (
    <main id="contenu" className="page narrow">
      <h1>{t('reset.title')}</h1>
      {!online && <NeedsNetwork />}
      {online && link.isPending && <p>{t('reset.checking')}</p>}
      {link.isError && (
        <p className="error" role="alert">
          {errorText(link.error)}
        </p>
      )}
      {choose.isSuccess ? (
        <div role="status">
          <p className="notice">{t('reset.done')}</p>
          <p>
            <Link to="/connexion" className="button primary">
              {t('reset.signIn')}
            </Link>
          </p>
        </div>
      ) : (
        link.data && (
          <>
            <p>{t('reset.for', { name: link.data.name, email: link.data.email })}</p>
            {choose.isError && (
              <p className="error" role="alert">
                {errorText(choose.error)}
              </p>
            )}
            <form onSubmit={submit} noValidate>
              {/* The account's address, for the browser's password manager. */}
              <input type="email" name="username" autoComplete="username" value={link.data.email} readOnly hidden />
              <Field label={t('reset.password')} hint={t('reset.hint')} error={errors.password}>
                {(p) => <input {...p} ref={first} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={MIN_PASSWORD_LENGTH} />}
              </Field>
              <Field label={t('reset.confirm')} error={errors.confirm}>
                {(p) => <input {...p} ref={second} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />}
              </Field>
              <div className="actions">
                <button type="submit" className="primary" disabled={!online || choose.isPending}>
                  {choose.isPending ? t('reset.saving') : t('reset.submit')}
                </button>
              </div>
            </form>
          </>
        )
      )}
    </main>
  );
}
