import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useOnline } from '../../ui/useOnline';
import { t } from '../../i18n';
import { accountKeys, accountsApi, errorText } from './api';
import { usePasswordChoice } from './usePasswordChoice';
import { NeedsNetwork } from './NeedsNetwork';

/** A reset link opened (/mot-de-passe/:token): the person chooses a new password, then signs in. */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const online = useOnline();
  const link = useQuery({ queryKey: accountKeys.resetLink(token), queryFn: () => accountsApi.resetLink(token), enabled: online });
  const { password, check, fields } = usePasswordChoice();
  const choose = useMutation({ mutationFn: () => accountsApi.choosePassword(token, password) });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (check()) choose.mutate();
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
              {fields}
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
