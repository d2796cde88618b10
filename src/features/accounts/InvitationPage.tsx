import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { useOnline } from '../../ui/useOnline';
import { accountKeys, accountsApi, errorText } from './api';
import { NeedsNetwork } from './NeedsNetwork';
import { roleLabel } from './roleLabel';
import { usePasswordChoice } from './usePasswordChoice';

/**
 * An invitation opened (/invitation#token; the token after # never reaches a server log): the
 * person checks their name, chooses a password, and their account exists; then they sign in.
 */
export function InvitationPage() {
  const token = useLocation().hash.replace(/^#/, '');
  const online = useOnline();
  const invitation = useQuery({ queryKey: accountKeys.invitation(token), queryFn: () => accountsApi.invitation(token), enabled: online && !!token, retry: false });
  const [name, setName] = useState<string>();
  const { password, check, fields } = usePasswordChoice();
  const [nameError, setNameError] = useState<string>();
  const nameRef = useRef<HTMLInputElement>(null);
  const shownName = name ?? invitation.data?.name ?? '';
  const accept = useMutation({ mutationFn: () => accountsApi.acceptInvitation(token, shownName.trim(), password) });

  function submit(e: FormEvent) {
    e.preventDefault();
    const noName = shownName.trim() === '';
    setNameError(noName ? 'invitation.nameRequired' : undefined);
    const passwordOk = check();
    if (noName) nameRef.current?.focus();
    else if (passwordOk) accept.mutate();
  }

  return (
    <main id="contenu" className="page narrow">
      <h1>{t('invitation.title')}</h1>
      {!online && <NeedsNetwork />}
      {!token && (
        <p className="error" role="alert">
          {t('invitation.invalid')}
        </p>
      )}
      {online && token && invitation.isPending && <p>{t('reset.checking')}</p>}
      {invitation.isError && (
        <p className="error" role="alert">
          {errorText(invitation.error)}
        </p>
      )}
      {accept.isSuccess ? (
        <div role="status">
          <p className="notice">{t('invitation.done')}</p>
          <p>
            <Link to="/connexion" className="button primary">
              {t('reset.signIn')}
            </Link>
          </p>
        </div>
      ) : (
        invitation.data && (
          <>
            <p>{t('invitation.for', { organisation: invitation.data.organisationName, email: invitation.data.email, role: roleLabel(invitation.data.role) })}</p>
            {accept.isError && (
              <p className="error" role="alert">
                {errorText(accept.error)}
              </p>
            )}
            <form onSubmit={submit} noValidate>
              <input type="email" name="username" autoComplete="username" value={invitation.data.email} readOnly hidden />
              <Field label={t('invitation.name')} error={nameError}>
                {(p) => <input {...p} ref={nameRef} type="text" autoComplete="name" value={shownName} onChange={(e) => setName(e.target.value)} required />}
              </Field>
              {fields}
              <div className="actions">
                <button type="submit" className="primary" disabled={!online || accept.isPending}>
                  {accept.isPending ? t('reset.saving') : t('invitation.submit')}
                </button>
              </div>
            </form>
          </>
        )
      )}
    </main>
  );
}
