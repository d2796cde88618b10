import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useOnline } from '../../ui/useOnline';
import { t } from '../../i18n';
import { roleLabel } from './roleLabel';
import { memberName } from '../../ui/format';
import { queries } from '../../store/queries';
import { accountKeys, accountsApi, dateTime, errorText } from './api';
import { InviteForm } from './InviteForm';
import { NeedsNetwork } from './NeedsNetwork';

/** The organisation's accounts (administration): role, linked member, state, last sign-in. */
export function AccountsPage() {
  const online = useOnline();
  const users = useQuery({ queryKey: accountKeys.users, queryFn: accountsApi.users, enabled: online });
  const org = useQuery(queries.organisation());
  const orgId = org.data?.id ?? '';
  const members = useQuery({ ...queries.members(orgId), enabled: !!orgId });
  const memberOf = (id: string | null) => {
    if (!id) return t('accounts.noMember');
    const m = members.data?.find((x) => x.id === id);
    return m ? memberName(m) : t('accounts.unknownMemberLocal');
  };

  return (
    <main id="contenu" className="page">
      <p className="admin-back">
        <Link to="/administration">{t('admin.back')}</Link>
      </p>
      <h1>{t('accounts.title')}</h1>
      <p>{t('accounts.intro')}</p>
      {!online && <NeedsNetwork />}
      {online && users.isPending && <p>{t('status.loading')}</p>}
      {users.isError && (
        <p className="error" role="alert">
          {errorText(users.error)}
        </p>
      )}
      {users.data && users.data.length === 0 && <p>{t('accounts.empty')}</p>}
      {users.data && users.data.length > 0 && (
        <div className="table-scroll">
          <table className="table accounts-table">
            <caption className="visually-hidden">{t('accounts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.name')}</th>
                <th scope="col">{t('accounts.role')}</th>
                <th scope="col">{t('accounts.member')}</th>
                <th scope="col">{t('accounts.state')}</th>
                <th scope="col">{t('accounts.lastSignIn')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} data-testid={`account-${u.email}`}>
                  <th scope="row">
                    {u.name}
                    <span className="admin-sub">{u.email}</span>
                  </th>
                  <td>{roleLabel(u.role)}</td>
                  <td>{memberOf(u.memberId)}</td>
                  <td>
                    <span className={`admin-state ${u.active ? 'admin-state-current' : 'admin-state-past'}`}>
                      {u.active ? t('accounts.active') : t('accounts.inactive')}
                    </span>
                  </td>
                  <td>{dateTime(u.lastSignInAt, t('accounts.never'))}</td>
                  <td>
                    <Link to={`/administration/comptes/${u.id}`} aria-label={t('accounts.editLabel', { name: u.name })}>
                      {t('accounts.edit')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InviteForm online={online} />
    </main>
  );
}
