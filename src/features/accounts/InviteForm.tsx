import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { roles, type Role } from '../../domain/roles';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { accountKeys, accountsApi, dateTime, errorText } from './api';
import { roleLabel } from './roleLabel';

/**
 * Invites a person (administration): an e-mail address, a name and a role give a one-time link
 * (server/auth/invitations.ts) to pass on; whoever opens it chooses a password (/invitation).
 */
export function InviteForm({ online }: { online: boolean }) {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('secretaire');
  const [copied, setCopied] = useState<string>();
  const emailRef = useRef<HTMLInputElement>(null);
  const invite = useMutation({
    mutationFn: () => accountsApi.invite({ email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}), role }),
    onSuccess: () => void client.invalidateQueries({ queryKey: accountKeys.users }),
    onError: () => emailRef.current?.focus(),
  });
  const link = invite.data ? `${window.location.origin}/invitation#${invite.data.token}` : '';

  function submit(e: FormEvent) {
    e.preventDefault();
    setCopied(undefined);
    invite.mutate();
  }
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(t('account.copied'));
    } catch {
      setCopied(t('account.copyFailed'));
    }
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
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={!online || invite.isPending}>
            {invite.isPending ? t('reset.saving') : t('invite.submit')}
          </button>
        </div>
      </form>
      {invite.data && (
        <div className="account-reset">
          <Field label={t('invite.link', { email: invite.data.email })} hint={t('account.resetExpiry', { date: dateTime(invite.data.expiresAt) })}>
            {(p) => <input {...p} type="text" readOnly value={link} onFocus={(e) => e.target.select()} data-testid="invitation-link" />}
          </Field>
          <button type="button" onClick={() => void copy()}>
            {t('account.copy')}
          </button>
          <div role="status">{copied && <p className="notice">{copied}</p>}</div>
        </div>
      )}
    </section>
  );
}
