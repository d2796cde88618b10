import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../domain/roles';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { accountKeys, accountsApi, errorText } from './api';
import { OneTimeLink } from './OneTimeLink';
import { RoleSelect } from './RoleSelect';

/**
 * Invites a person (administration): an e-mail address, a name and a role give a one-time link
 * (server/auth/invitations.ts) to pass on; whoever opens it chooses a password (/invitation).
 */
export function InviteForm({ online }: { online: boolean }) {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('secretaire');
  const emailRef = useRef<HTMLInputElement>(null);
  const invite = useMutation({
    mutationFn: () => accountsApi.invite({ email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}), role }),
    onSuccess: () => void client.invalidateQueries({ queryKey: accountKeys.users }),
    onError: () => emailRef.current?.focus(),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    invite.mutate();
  }
  return (
    <section aria-labelledby="invite-title" className="invite">
      <h2 id="invite-title">{t('invite.title')}</h2>
      <p>{t('invite.intro')}</p>
      {invite.isError && (
        <p className="error" role="alert">
          {errorText(invite.error)}
        </p>
      )}
      <form onSubmit={submit}>
        <Field label={t('invite.email')}>
          {(p) => <input {...p} ref={emailRef} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} required />}
        </Field>
        <Field label={t('invite.name')} hint={t('invite.nameHint')}>
          {(p) => <input {...p} type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('invite.role')}>
          {(p) => <RoleSelect {...p} value={role} onChange={setRole} />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={!online || invite.isPending}>
            {invite.isPending ? t('reset.saving') : t('invite.submit')}
          </button>
        </div>
      </form>
      {invite.data && (
        <OneTimeLink key={invite.data.url} label={t('invite.link', { email: invite.data.email })} link={invite.data.url} expiresAt={invite.data.expiresAt} testId="invitation-link" />
      )}
    </section>
  );
}
