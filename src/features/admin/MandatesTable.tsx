import { Fragment, useRef, useState } from 'react';
import type { Body, Mandate, Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { displayDate, memberName } from '../../ui/format';
import { mandateState, todayIso } from '../../ui/dates';
import { EndMandateForm } from './EndMandateForm';
import { roleOf } from './labels';

interface Props {
  mandates: readonly Mandate[];
  bodies: readonly Body[];
  members: readonly Member[];
  /** The member's civility, for the role as written ("Présidente"). */
  civility: Member['civility'];
  onEnded: () => void;
}

/** A member's mandates, most recent first; each can be ended (or its end corrected) in place. */
export function MandatesTable({ mandates, bodies, members, civility, onEnded }: Props) {
  const [ending, setEnding] = useState<string>();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const today = todayIso();
  if (mandates.length === 0) return <p>{t('admin.noMandates')}</p>;

  const close = (id: string) => {
    setEnding(undefined);
    // Back to the button that opened the form, so keyboard users keep their place.
    requestAnimationFrame(() => buttons.current.get(id)?.focus());
  };
  const bodyName = (id: string) => bodies.find((b) => b.id === id)?.name ?? '';
  const personName = (id: string) => {
    const m = members.find((x) => x.id === id);
    return m ? memberName(m) : '';
  };

  return (
    <table className="table" data-testid="mandates-table">
      <caption className="visually-hidden">{t('admin.mandatesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.mandate.body')}</th>
          <th scope="col">{t('admin.mandate.role')}</th>
          <th scope="col">{t('admin.mandate.start')}</th>
          <th scope="col">{t('admin.mandate.end')}</th>
          <th scope="col">{t('admin.mandate.state')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('admin.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {mandates.map((m) => {
          const state = mandateState(m, today);
          return (
            <Fragment key={m.id}>
              <tr>
                <td>{bodyName(m.bodyId)}</td>
                <td>
                  {roleOf(m.role, civility)}
                  {m.substituteFor && (
                    <span className="admin-sub"> {t('admin.substituteOf', { name: personName(m.substituteFor) })}</span>
                  )}
                </td>
                <td>{displayDate(m.start)}</td>
                <td>{m.end ? displayDate(m.end) : <span className="muted">{t('admin.mandate.open')}</span>}</td>
                <td>
                  <span className={`admin-state admin-state-${state}`}>{t(`admin.mandateState.${state}`)}</span>
                </td>
                <td>
                  <button
                    type="button"
                    ref={(el) => {
                      if (el) buttons.current.set(m.id, el);
                      else buttons.current.delete(m.id);
                    }}
                    aria-expanded={ending === m.id}
                    onClick={() => setEnding(ending === m.id ? undefined : m.id)}
                  >
                    {m.end ? t('admin.changeEnd') : t('admin.endMandate')}
                    <span className="visually-hidden"> {t('admin.mandateOf', { body: bodyName(m.bodyId) })}</span>
                  </button>
                </td>
              </tr>
              {ending === m.id && (
                <tr className="admin-inline">
                  <td colSpan={6}>
                    <EndMandateForm
                      mandate={m}
                      bodyName={bodyName(m.bodyId)}
                      onCancel={() => close(m.id)}
                      onSaved={() => {
                        close(m.id);
                        onEnded();
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
