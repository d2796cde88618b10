import { useId } from 'react';
import { Link } from 'react-router';
import { mandateCovers, membersInOffice } from '../../domain/mandates';
import type { Body, Mandate, Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { displayDate, memberName } from '../../ui/format';
import { ROLE_RANK } from '../../ui/dates';
import { roleOf } from './labels';

interface Props {
  body: Body;
  members: readonly Member[];
  mandates: readonly Mandate[];
  /** The day the members in office are computed for (ISO). */
  day: string;
}

/** A body with its members in office on the day: the count every quorum is based on. */
export function BodyInOffice({ body, members, mandates, day }: Props) {
  const headingId = useId();
  const byId = new Map(members.map((m) => [m.id as string, m]));
  const current = mandates.filter((m) => m.bodyId === body.id && mandateCovers(m, day));
  const inOffice = membersInOffice(mandates, body.id, day);
  const rows = inOffice
    .map((id) => ({ member: byId.get(id), mandate: current.find((m) => m.memberId === id && m.role !== 'substitute') }))
    .filter((r): r is { member: Member; mandate: Mandate } => !!r.member && !!r.mandate)
    .sort((a, b) => ROLE_RANK[a.mandate.role] - ROLE_RANK[b.mandate.role] || a.member.lastName.localeCompare(b.member.lastName, 'fr'));
  const substitutes = current.filter((m) => m.role === 'substitute');
  const name = (id: string | undefined) => {
    const m = id ? byId.get(id) : undefined;
    return m ? memberName(m) : '';
  };

  return (
    <article className="admin-card" aria-labelledby={headingId}>
      <div className="admin-card-head">
        <h3 id={headingId}>{body.name}</h3>
        <Link to={`/administration/instances/${body.id}`} className="button">
          {t('admin.edit')}
          <span className="visually-hidden"> {body.name}</span>
        </Link>
      </div>
      <p className="muted">{t('admin.body.verbShown', { verb: body.verb })}</p>
      <p className="admin-count">{t('admin.inOfficeCount', { date: displayDate(day), count: inOffice.length })}</p>
      {rows.length > 0 && (
        <table className="table admin-compact">
          <caption className="visually-hidden">{t('admin.inOfficeCaption', { body: body.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.member')}</th>
              <th scope="col">{t('admin.mandate.role')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ member, mandate }) => (
              <tr key={mandate.id}>
                <td>
                  <Link to={`/administration/membres/${member.id}`}>{memberName(member)}</Link>
                </td>
                <td>{roleOf(mandate.role, member.civility)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {substitutes.length > 0 && (
        <>
          <h4>{t('admin.substitutesInOffice', { count: substitutes.length })}</h4>
          <ul className="admin-substitutes">
            {substitutes.map((m) => (
              <li key={m.id}>
                <Link to={`/administration/membres/${m.memberId}`}>{name(m.memberId)}</Link>
                {m.substituteFor && ` — ${t('admin.substituteOf', { name: name(m.substituteFor) })}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
