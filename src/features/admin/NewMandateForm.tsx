import { useState, type FormEvent } from 'react';
import { useDirtyForm } from '../../ui/dirtyForms';
import { membersInOffice } from '../../domain/mandates';
import { mandateRoles, type Body, type Mandate, type Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { createMandate } from '../../store/admin';
import { Field } from '../../ui/Field';
import { memberName } from '../../ui/format';
import { todayIso } from '../../ui/dates';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { useCommandForm } from '../../ui/useCommandForm';

interface Props {
  member: Member;
  bodies: readonly Body[];
  members: readonly Member[];
  /** Every mandate of the organisation: a suppléant is chosen among the titular members. */
  mandates: readonly Mandate[];
  onCreated: () => void;
}

export function NewMandateForm({ member, bodies, members, mandates, onCreated }: Props) {
  const empty = { bodyId: bodies[0]?.id ?? '', role: 'member', start: todayIso(), end: '', substituteFor: '' };
  const [form, setForm] = useState(empty);
  const { errors, saving, summaryRef, run } = useCommandForm();
  useDirtyForm(`admin-mandate-${member.id}`, JSON.stringify(form) !== JSON.stringify(empty) && !saving);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const labels = {
    bodyId: t('admin.mandate.body'),
    role: t('admin.mandate.role'),
    start: t('admin.mandate.start'),
    end: t('admin.mandate.endOptional'),
    substituteFor: t('admin.mandate.substituteFor'),
  };

  // The titular members in office in that body when the suppléance starts.
  const titulars = membersInOffice(mandates, form.bodyId as Body['id'], form.start || todayIso())
    .filter((id) => id !== member.id)
    .map((id) => members.find((m) => m.id === id))
    .filter((m): m is Member => !!m)
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await run(() => createMandate({ ...form, memberId: member.id }));
    if (created) {
      setForm(empty);
      onCreated();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="admin-form">
      <ErrorSummary errors={errors} labels={labels} ref={summaryRef} />
      <div className="row">
        <Field label={labels.bodyId} error={errors.bodyId}>
          {(p) => (
            <select {...p} value={form.bodyId} onChange={set('bodyId')} required>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={labels.role} error={errors.role}>
          {(p) => (
            <select {...p} value={form.role} onChange={set('role')} required>
              {mandateRoles.map((r) => (
                <option key={r} value={r}>
                  {t(`admin.role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {form.role === 'substitute' && (
        <Field label={labels.substituteFor} error={errors.substituteFor} hint={t('admin.mandate.substituteForHint')}>
          {(p) => (
            <select {...p} value={form.substituteFor} onChange={set('substituteFor')} required>
              <option value="">{t('admin.choose')}</option>
              {titulars.map((m) => (
                <option key={m.id} value={m.id}>
                  {memberName(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div className="row">
        <Field label={labels.start} error={errors.start}>
          {(p) => <input {...p} type="date" value={form.start} onChange={set('start')} required />}
        </Field>
        <Field label={labels.end} error={errors.end}>
          {(p) => <input {...p} type="date" value={form.end} onChange={set('end')} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('admin.addMandate')}
        </button>
      </div>
    </form>
  );
}
