import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { activeProxiesFor } from '../../domain/proxies';
import type { AttendanceStatus } from '../../domain/schemas';
import { t } from '../../i18n';
import { setAllPresent, setAttendanceStatus } from '../../store/attendanceCommands';
import { ValidationError } from '../../store/errors';
import { createProxy, revokeProxy } from '../../store/proxyCommands';
import { queries } from '../../store/queries';
import { closeWithoutQuorum } from '../../store/seanceCommands';
import { CountsSummary } from '../../ui/CountsSummary';
import { displayDate, memberName } from '../../ui/format';
import { RollCallRow } from './RollCallRow';
import { isClosed, isSealed } from '../../domain/status';
import { countsForItem } from '../../domain/voteEntry';

export function RollCallPage() {
  const { seanceId = '' } = useParams();
  const ctx = useQuery(queries.seanceContext(seanceId));
  const [current, setCurrent] = useState(1);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const data = ctx.data;
  const counts = useMemo(() => {
    if (!data) return undefined;
    // The same counts as the vote's and the documents' (domain/voteEntry.ts).
    return countsForItem(data, data.items.find((i) => i.orderNumber === current) ?? { orderNumber: current, withdrawn: [] });
  }, [data, current]);

  if (ctx.isPending) return <main id="contenu" className="page">{t('status.loading')}</main>;
  if (!data || !counts) {
    return (
      <main id="contenu" className="page">
        <h1>{t('seance.notFound')}</h1>
        <Link to="/">{t('seance.back')}</Link>
      </main>
    );
  }
  const { seance, members } = data;
  const readOnly = isClosed(seance.status);
  const proxies = activeProxiesFor(data.proxies, seance.id);
  const nameOf = (id: string) => {
    const m = data.allMembers.find((x) => x.id === id);
    return m ? memberName(m) : '?';
  };

  // Every command reports its refusal next to the member it concerns; nothing else changes.
  const run = (memberId: string, action: () => Promise<unknown>) => {
    action()
      .then(() =>
        setErrors((prev) => {
          const next = { ...prev };
          delete next[memberId];
          return next;
        }),
      )
      .catch((e: unknown) =>
        setErrors((prev) => ({ ...prev, [memberId]: e instanceof ValidationError ? (e.formError ?? e.message) : String(e) })),
      );
  };

  const focusRow = (index: number) => {
    const next = members[index];
    if (!next) return;
    const radios = document.querySelectorAll<HTMLInputElement>(`input[data-member="${next.id}"]`);
    (Array.from(radios).find((r) => r.checked) ?? radios[0])?.focus();
  };

  const title = `${data.body?.name ?? ''} du ${displayDate(seance.date)}`;
  return (
    <main id="contenu" className="page wide">
      <p>
        <Link to={`/seances/${seance.id}`}>← {title}</Link>
      </p>
      <h1>{t('attendance.title', { seance: title })}</h1>
      {readOnly &&
        (isSealed(seance.status) ? (
          <p className="notice sealed" role="status" data-testid="sealed-notice">
            🔒 {t('seal.noticeEdit')}
          </p>
        ) : (
          <p className="notice">{t('attendance.readOnly')}</p>
        ))}
      {members.length === 0 && <p className="notice warning">{t('attendance.noMembers')}</p>}

      <div className="rollcall-layout">
        <section aria-labelledby="counts-title" className="counts-panel">
          <h2 id="counts-title">{t('attendance.countsTitle')}</h2>
          {data.items.length > 0 && (
            <label className="field">
              <span>{t('attendance.currentItem')}</span>
              <select value={current} onChange={(e) => setCurrent(Number(e.target.value))}>
                {data.items.map((i) => (
                  <option key={i.id} value={i.orderNumber}>
                    {t('attendance.itemLabel', { order: i.orderNumber, object: i.object.slice(0, 60) })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <CountsSummary counts={counts} absentNames={counts.absent.map(nameOf)} />
          {!counts.quorum.reached && !readOnly && (
            <button
              type="button"
              onClick={() => window.confirm(t('attendance.confirmCloseWithoutQuorum')) && void closeWithoutQuorum(seance.id)}
            >
              {t('attendance.closeWithoutQuorum')}
            </button>
          )}
        </section>

        <section aria-labelledby="rollcall-title" className="rollcall">
          <div className="page-head">
            <h2 id="rollcall-title">{t('attendance.status')}</h2>
            {!readOnly && (
              <button type="button" className="primary" onClick={() => run('_all', () => setAllPresent(seance.id, data.inOffice))}>
                {t('attendance.allPresent')}
              </button>
            )}
          </div>
          <p className="hint">{t('attendance.help')}</p>
          <table className="table rollcall-table">
            <thead>
              <tr>
                <th scope="col">{t('attendance.member')}</th>
                <th scope="col">{t('attendance.status')}</th>
                <th scope="col">{t('attendance.movements')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m, index) => (
                <RollCallRow
                  key={m.id}
                  seanceId={seance.id}
                  member={m}
                  attendance={data.attendance.find((a) => a.memberId === m.id)}
                  proxy={proxies.find((p) => p.giverId === m.id)}
                  holders={members}
                  itemOrders={data.items.map((i) => i.orderNumber)}
                  readOnly={readOnly}
                  error={errors[m.id]}
                  onStatus={(s: AttendanceStatus) => run(m.id, () => setAttendanceStatus(seance.id, m.id, s))}
                  onProxy={(holderId) =>
                    run(m.id, () =>
                      createProxy({
                        organisationId: seance.organisationId,
                        bodyId: seance.bodyId,
                        giverId: m.id,
                        holderId,
                        seanceIds: [seance.id],
                        writtenOn: seance.date,
                      }),
                    )
                  }
                  onRevoke={(proxyId) => run(m.id, () => revokeProxy(proxyId))}
                  onNext={() => focusRow(index + 1)}
                />
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </main>
  );
}
