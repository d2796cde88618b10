import { Link } from 'react-router';
import { mandateCovers } from '../../domain/mandates';
import type { Body, Mandate, Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { displayDate, memberName } from '../../ui/format';
import { roleOf } from './labels';

interface Props {
  members: readonly Member[];
  bodies: readonly Body[];
  mandates: readonly Mandate[];
  day: string;
}

/** Every member of the organisation, in or out of office, with their current mandates. */
export function MembersTable({ members, bodies, mandates, day }: Props) {
  if (members.length === 0) return <p>{t('admin.noMembers')}</p>;
  const bodyName = (id: string) => bodies.find((b) => b.id === id)?.name ?? '';
  return (
    <table className="table" data-testid="members-table">
      <caption className="visually-hidden">{t('admin.membersCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.member')}</th>
          <th scope="col">{t('admin.memberForm.birthDate')}</th>
          <th scope="col">{t('admin.currentMandates')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const current = mandates.filter((m) => m.memberId === member.id && mandateCovers(m, day));
          return (
            <tr key={member.id}>
              <td>
                <Link to={`/administration/membres/${member.id}`}>{memberName(member)}</Link>
              </td>
              <td>{member.birthDate ? displayDate(member.birthDate) : ''}</td>
              <td>
                {current.length === 0 ? (
                  <span className="muted">{t('admin.noCurrentMandate')}</span>
                ) : (
                  current.map((m) => `${bodyName(m.bodyId)} (${roleOf(m.role, member.civility)})`).join(', ')
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
