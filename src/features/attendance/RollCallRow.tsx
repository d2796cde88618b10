import { useState, type KeyboardEvent } from 'react';
import type { Attendance, AttendanceStatus, Member, Proxy } from '../../domain/schemas';
import { t, tCode, type MessageKey } from '../../i18n';
import { genderOf } from '../../i18n/gender';
import { memberName } from '../../ui/format';
import { MovementEditor } from './MovementEditor';

const STATUSES: AttendanceStatus[] = ['present', 'absent', 'excused', 'represented'];
const STATUS_LABELS = {
  present: 'attendance.present',
  absent: 'attendance.absent',
  excused: 'attendance.excused',
  represented: 'attendance.represented',
} as const satisfies Record<AttendanceStatus, MessageKey>;
const SHORTCUTS: Record<string, AttendanceStatus> = { p: 'present', a: 'absent', e: 'excused', r: 'represented' };

export interface RowProps {
  seanceId: string;
  member: Member;
  attendance: Attendance | undefined;
  /** The unrevoked pouvoir this member gave for the séance, if any. */
  proxy: Proxy | undefined;
  holders: Member[];
  itemOrders: number[];
  readOnly: boolean;
  error: string | undefined;
  onStatus: (status: AttendanceStatus) => void;
  onProxy: (holderId: string) => void;
  onRevoke: (proxyId: string) => void;
  onNext: () => void;
}

export function RollCallRow(p: RowProps) {
  const name = memberName(p.member);
  const saved: AttendanceStatus | undefined = p.proxy ? 'represented' : p.attendance?.status;
  // "Représenté" needs a holder before anything is written: the choice is held here until then.
  const [choosingHolder, setChoosingHolder] = useState(false);
  const shown = choosingHolder ? 'represented' : saved;

  function choose(status: AttendanceStatus) {
    if (status === 'represented') {
      setChoosingHolder(true);
      return;
    }
    setChoosingHolder(false);
    if (p.proxy) p.onRevoke(p.proxy.id);
    p.onStatus(status);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (p.readOnly || e.ctrlKey || e.metaKey || e.altKey) return;
    if ((e.target as HTMLElement).tagName === 'SELECT' || (e.target as HTMLElement).tagName === 'INPUT' && (e.target as HTMLInputElement).type !== 'radio') return;
    const status = SHORTCUTS[e.key.toLowerCase()];
    if (!status) return;
    e.preventDefault();
    choose(status);
    if (status !== 'represented') p.onNext();
  }

  return (
    <tr onKeyDown={onKeyDown} data-testid={`row-${p.member.lastName}`}>
      <th scope="row">{name}</th>
      <td>
        <fieldset className="segmented" disabled={p.readOnly}>
          <legend className="visually-hidden">{t('attendance.statusOf', { name })}</legend>
          {STATUSES.map((s) => (
            <label key={s} className={shown === s ? 'checked' : ''}>
              <input
                type="radio"
                name={`att-${p.member.id}`}
                value={s}
                checked={shown === s}
                onChange={() => choose(s)}
                data-member={p.member.id}
              />
              {t(STATUS_LABELS[s])}
            </label>
          ))}
        </fieldset>
        {p.proxy && (
          <p className="proxy-line">
            {t('attendance.representedBy', { name: holderName(p.holders, p.proxy.holderId), gender: genderOf(p.member.civility) })}{' '}
            {!p.readOnly && (
              <button type="button" className="small" onClick={() => p.onRevoke(p.proxy!.id)}>
                {t('attendance.revoke')}
              </button>
            )}
          </p>
        )}
        {choosingHolder && !p.proxy && (
          <label className="holder">
            <span>{t('attendance.holder')}</span>
            <select
              autoFocus
              aria-label={t('attendance.holderOf', { name })}
              defaultValue=""
              onChange={(e) => e.target.value && p.onProxy(e.target.value)}
            >
              <option value="">{t('attendance.chooseHolder')}</option>
              {p.holders
                .filter((h) => h.id !== p.member.id)
                .map((h) => (
                  <option key={h.id} value={h.id}>
                    {memberName(h)}
                  </option>
                ))}
            </select>
          </label>
        )}
        {p.error && (
          <p className="error" role="alert">
            {tCode(p.error)}
          </p>
        )}
      </td>
      <td>
        <MovementEditor seanceId={p.seanceId} member={p.member} attendance={p.attendance} itemOrders={p.itemOrders} readOnly={p.readOnly} />
      </td>
    </tr>
  );
}

function holderName(members: Member[], id: string): string {
  const m = members.find((x) => x.id === id);
  return m ? memberName(m) : '?';
}
