import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useOnline } from '../../ui/useOnline';
import type { Role } from '../../domain/roles';
import { t } from '../../i18n';
import { Field } from '../../ui/Field';
import { MemberSelect } from '../../ui/MemberSelect';
import { queries } from '../../store/queries';
import { Notice } from './Notice';
import { accountKeys, accountsApi, errorText, type AdminUser } from './api';
import { NeedsNetwork } from './NeedsNetwork';
import { OneTimeLink } from './OneTimeLink';
import { RoleSelect } from './RoleSelect';

/** One account (administration): role and linked member, deactivation, password reset. */
export function AccountPage() {
  const { userId = '' } = useParams();
  const online = useOnline();
  const users = useQuery({ queryKey: accountKeys.users, queryFn: accountsApi.users, enabled: online });
  const user = users.data?.find((u) => u.id === userId);

  return (
    <main id="contenu" className="page admin-narrow">
      <p className="admin-back">
        <Link to="/administration/comptes">{t('account.back')}</Link>
      </p>
      {!online && (
        <>
          <h1>{t('accounts.title')}</h1>
          <NeedsNetwork />
        </>
      )}
      {online && users.isPending && <p>{t('status.loading')}</p>}
      {users.isError && (
        <p className="error" role="alert">
          {errorText(users.error)}
        </p>
      )}
      {users.data && !user && <h1>{t('account.notFound')}</h1>}
      {user && <AccountScreen key={user.id} user={user} online={online} />}
    </main>
  );
}

function AccountScreen({ user, online }: { user: AdminUser; online: boolean }) {
  const client = useQueryClient();
  const org = useQuery(queries.organisation());
  const orgId = org.data?.id ?? '';
  const members = useQuery({ ...queries.members(orgId), enabled: !!orgId });
  const [role, setRole] = useState<Role>(user.role);
  const [memberId, setMemberId] = useState(user.memberId ?? '');
  const [saved, setSaved] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const stateButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  const update = useMutation({
    mutationFn: (change: Parameters<typeof accountsApi.update>[1]) => accountsApi.update(user.id, change),
    onSuccess: (updated) => {
      client.setQueryData<AdminUser[]>(accountKeys.users, (old) => old?.map((u) => (u.id === updated.id ? updated : u)));
    },
  });
  const reset = useMutation({ mutationFn: () => accountsApi.resetPassword(user.id) });

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  function save(e: FormEvent) {
    e.preventDefault();
    setSaved(undefined);
    update.mutate(
      { role, memberId: memberId || null },
      { onSuccess: (u) => setSaved(t('account.saved', { name: u.name })) },
    );
  }

  function toggleActive() {
    setConfirming(false);
    setSaved(undefined);
    const active = !user.active;
    update.mutate(
      { active },
      {
        onSuccess: (u) => {
          setSaved(t(active ? 'account.reactivated' : 'account.deactivated', { name: u.name }));
          requestAnimationFrame(() => stateButton.current?.focus());
        },
      },
    );
  }

  const cannot = !online || update.isPending;
  return (
    <>
      <h1>{user.name}</h1>
      <p className="muted">{user.email}</p>
      <Notice message={saved} />
      {!online && <NeedsNetwork />}
      {update.isError && (
        <p className="error" role="alert">
          {errorText(update.error)}
        </p>
      )}

      <section aria-labelledby="account-details" className="admin-section">
        <h2 id="account-details">{t('account.details')}</h2>
        <form onSubmit={save}>
          <Field label={t('accounts.role')}>
            {(p) => <RoleSelect {...p} value={role} onChange={setRole} />}
          </Field>
          <Field label={t('accounts.member')} hint={t('account.memberHint')}>
            {(p) => <MemberSelect {...p} members={members.data ?? []} value={memberId} onChange={(e) => setMemberId(e.target.value)} emptyLabel={t('account.noMember')} />}
          </Field>
          <div className="actions">
            <button type="submit" className="primary" disabled={cannot}>
              {update.isPending ? t('account.saving') : t('account.save')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="account-state" className="admin-section">
        <h2 id="account-state">{t('account.stateTitle')}</h2>
        <p>{user.active ? t('account.isActive') : t('account.isInactive')}</p>
        {!confirming && (
          <button type="button" ref={stateButton} disabled={cannot} onClick={() => setConfirming(true)}>
            {user.active ? t('account.deactivate') : t('account.reactivate')}
          </button>
        )}
        {confirming && (
          <div className="account-confirm" role="group" aria-labelledby="account-confirm-text">
            <p id="account-confirm-text">{t(user.active ? 'account.confirmDeactivate' : 'account.confirmReactivate', { name: user.name })}</p>
            <div className="actions">
              <button type="button" ref={confirmButton} className="primary" disabled={cannot} onClick={toggleActive}>
                {user.active ? t('account.confirmDeactivateButton') : t('account.confirmReactivateButton')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => stateButton.current?.focus());
                }}
              >
                {t('account.cancel')}
              </button>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="account-password" className="admin-section">
        <h2 id="account-password">{t('account.passwordTitle')}</h2>
        <p>{t('account.passwordIntro')}</p>
        <button type="button" disabled={!online || reset.isPending || !user.active} onClick={() => {
            setSaved(undefined);
            reset.mutate();
          }}>
          {reset.isPending ? t('account.resetting') : t('account.reset')}
        </button>
        {reset.isError && (
          <p className="error" role="alert">
            {errorText(reset.error)}
          </p>
        )}
        {reset.data && (
          <OneTimeLink label={t('account.resetLink', { name: user.name })} link={`${window.location.origin}/mot-de-passe/${reset.data.token}`} expiresAt={reset.data.expiresAt} testId="reset-link" />
        )}
      </section>
    </>
  );
}
