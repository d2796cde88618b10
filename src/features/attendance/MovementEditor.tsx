import { useState, type FormEvent } from 'react';
import type { Attendance, Member } from '../../domain/schemas';
import { t, tCode } from '../../i18n';
import { addMovement, removeMovement } from '../../store/attendanceCommands';
import { ValidationError } from '../../store/errors';
import { memberName } from '../../ui/format';

interface Props {
  seanceId: string;
  member: Member;
  attendance: Attendance | undefined;
  itemOrders: number[];
  readOnly: boolean;
}

/** Arrivals and departures, each effective from an agenda item on (presence per deliberation). */
export function MovementEditor({ seanceId, member, attendance, itemOrders, readOnly }: Props) {
  const [kind, setKind] = useState<'arrival' | 'departure'>('departure');
  const orders = itemOrders.length ? itemOrders : [1];
  const [fromOrder, setFromOrder] = useState(orders[0] ?? 1);
  const [time, setTime] = useState('');
  const [error, setError] = useState<string>();
  const movements = attendance?.movements ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await addMovement(seanceId, member.id, { kind, fromOrder, ...(time ? { time } : {}) });
      setError(undefined);
    } catch (err) {
      setError(err instanceof ValidationError ? Object.values(err.fieldErrors)[0] ?? err.message : String(err));
    }
  }

  return (
    <details className="movements">
      <summary>
        {t('attendance.movements')}
        {movements.length > 0 && ` (${movements.length})`}
        <span className="visually-hidden"> — {memberName(member)}</span>
      </summary>
      <ul>
        {movements.map((m) => (
          <li key={m.fromOrder}>
            {t('attendance.movementLine', {
              kind: t(m.kind === 'arrival' ? 'attendance.arrival' : 'attendance.departure'),
              order: m.fromOrder,
              time: m.time ? ` (${m.time.replace(':', 'h')})` : '',
            })}{' '}
            {!readOnly && (
              <button type="button" className="small" onClick={() => void removeMovement(seanceId, member.id, m.fromOrder)}>
                {t('attendance.removeMovement')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form className="movement-form" onSubmit={(e) => void submit(e)} aria-label={t('attendance.movementsOf', { name: memberName(member) })}>
          <label>
            {t('attendance.movementKind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as 'arrival' | 'departure')}>
              <option value="departure">{t('attendance.departure')}</option>
              <option value="arrival">{t('attendance.arrival')}</option>
            </select>
          </label>
          <label>
            {t('attendance.fromItem')}
            <select value={fromOrder} onChange={(e) => setFromOrder(Number(e.target.value))}>
              {orders.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('attendance.movementTime')}
            <input type="time" value={time} onChange={(e) => setTime(e.target.value)} />
          </label>
          <button type="submit">{t('attendance.addMovement')}</button>
          {error && (
            <p className="error" role="alert">
              {tCode(error)}
            </p>
          )}
        </form>
      )}
    </details>
  );
}
