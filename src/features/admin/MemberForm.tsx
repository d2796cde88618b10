import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDirtyForm } from '../../ui/dirtyForms';
import { civilities, type Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { createMember, updateMember } from '../../store/admin';
import { Field } from '../../ui/Field';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { touchedFields, useCommandForm } from '../../ui/useCommandForm';

interface Props {
  /** Absent: a new member, shown on their own page once created. */
  member?: Member;
  organisationId: string;
  onSaved?: () => void;
}

export function MemberForm({ member, organisationId, onSaved }: Props) {
  const navigate = useNavigate();
  const [initial, setInitial] = useState(() => ({
    values: {
      civility: member?.civility ?? '',
      firstName: member?.firstName ?? '',
      lastName: member?.lastName ?? '',
      birthDate: member?.birthDate ?? '',
    },
    version: member?.version,
  }));
  const [form, setForm] = useState(initial.values);
  const { errors, saving, summaryRef, run } = useCommandForm();
  useDirtyForm(member ? `admin-member-${member.id}` : 'admin-member-new', JSON.stringify(form) !== JSON.stringify(initial.values) && !saving);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const labels = {
    civility: t('admin.memberForm.civility'),
    firstName: t('admin.memberForm.firstName'),
    lastName: t('admin.memberForm.lastName'),
    birthDate: t('admin.memberForm.birthDate'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (member) {
      const saved = await run(() => updateMember(member.id, touchedFields(initial.values, form), new Date(), initial.version));
      if (saved) {
        setInitial({ values: form, version: saved.version });
        onSaved?.();
      }
      return;
    }
    const created = await run(() => createMember({ ...form, organisationId }));
    if (created) void navigate(`/administration/membres/${created.id}`, { state: { flash: 'admin.memberCreated' } });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="admin-form">
      <ErrorSummary errors={errors} labels={labels} ref={summaryRef} />
      <div className="row">
        <Field label={labels.civility} error={errors.civility}>
          {(p) => (
            <select {...p} value={form.civility} onChange={set('civility')} className="admin-civility" required>
              {!member && <option value="">{t('admin.choose')}</option>}
              {civilities.map((c) => (
                <option key={c} value={c}>
                  {t(`admin.civility.${c === 'M.' ? 'm' : 'mme'}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={labels.firstName} error={errors.firstName}>
          {(p) => <input {...p} type="text" value={form.firstName} onChange={set('firstName')} maxLength={80} required autoComplete="off" />}
        </Field>
        <Field label={labels.lastName} error={errors.lastName}>
          {(p) => <input {...p} type="text" value={form.lastName} onChange={set('lastName')} maxLength={80} required autoComplete="off" />}
        </Field>
      </div>
      <Field label={labels.birthDate} error={errors.birthDate}>
        {(p) => <input {...p} type="date" value={form.birthDate} onChange={set('birthDate')} className="admin-date" />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {member ? t('admin.save') : t('admin.createMember')}
        </button>
        {!member && (
          <Link to="/administration" className="button">
            {t('admin.cancel')}
          </Link>
        )}
      </div>
    </form>
  );
}
