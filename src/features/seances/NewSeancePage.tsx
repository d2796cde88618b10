import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDirtyForm } from '../../ui/dirtyForms';
import { convocationModes } from '../../domain/schemas';
import { t } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { queries } from '../../store/queries';
import { createSeance } from '../../store/seanceCommands';
import { Field } from '../../ui/Field';
import { ConvocationCheck } from './ConvocationCheck';
import { MemberSelect } from '../../ui/MemberSelect';

const empty = {
  bodyId: '',
  date: '',
  time: '',
  place: '',
  convocationDate: '',
  convocationMode: 'electronique',
  urgencyReason: '',
  presidentId: '',
  secretaryId: '',
};
type FormState = typeof empty;

export function NewSeancePage() {
  const navigate = useNavigate();
  const org = useQuery(queries.organisation());
  const orgId = org.data?.id ?? '';
  const bodies = useQuery({ ...queries.bodies(orgId), enabled: !!orgId });
  const members = useQuery({ ...queries.members(orgId), enabled: !!orgId });
  const [form, setForm] = useState<FormState>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(form) !== JSON.stringify(empty);
  useDirtyForm('new-seance', dirty && !saving);

  // The body is preselected once known: most organisations have one that meets most often.
  useEffect(() => {
    const first = bodies.data?.[0];
    if (first && !form.bodyId) setForm((f) => ({ ...f, bodyId: first.id }));
  }, [bodies.data, form.bodyId]);

  const set = (key: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      const { secretaryId, presidentId, ...rest } = form;
      const seance = await createSeance({
        ...rest,
        organisationId: orgId,
        presidentId: presidentId || undefined,
        secretaryIds: secretaryId ? [secretaryId] : [],
      });
      setForm(empty);
      void navigate(`/seances/${seance.id}`);
    } catch (err) {
      setSaving(false);
      if (err instanceof ValidationError) {
        setErrors(err.fieldErrors);
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else {
        setErrors({ _form: t('error.unknown', { reason: String(err) }) });
      }
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <main id="contenu" className="page narrow">
      <h1>{t('seance.newTitle')}</h1>
      {errorCount > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <p>{t('seance.formErrors', { count: errorCount })}</p>
          {errors._form && <p>{t(errors._form)}</p>}
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('seance.body')} error={errors.bodyId}>
          {(p) => (
            <select {...p} value={form.bodyId} onChange={set('bodyId')} required>
              {bodies.data?.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="row">
          <Field label={t('seance.date')} error={errors.date}>
            {(p) => <input {...p} type="date" value={form.date} onChange={set('date')} required />}
          </Field>
          <Field label={t('seance.time')} error={errors.time}>
            {(p) => <input {...p} type="time" value={form.time} onChange={set('time')} required />}
          </Field>
        </div>
        <Field label={t('seance.place')} error={errors.place}>
          {(p) => <input {...p} type="text" value={form.place} onChange={set('place')} maxLength={200} required autoComplete="off" />}
        </Field>
        <div className="row">
          <Field label={t('seance.convocationDate')} error={errors.convocationDate}>
            {(p) => <input {...p} type="date" value={form.convocationDate} onChange={set('convocationDate')} required />}
          </Field>
          <Field label={t('seance.convocationMode')} error={errors.convocationMode}>
            {(p) => (
              <select {...p} value={form.convocationMode} onChange={set('convocationMode')}>
                {convocationModes.map((m) => (
                  <option key={m} value={m}>
                    {t(`convocationMode.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <ConvocationCheck
          sent={form.convocationDate}
          seance={form.date}
          population={org.data?.population ?? 0}
          urgencyReason={form.urgencyReason}
        />
        <Field label={t('seance.urgencyReason')} error={errors.urgencyReason}>
          {(p) => <textarea {...p} value={form.urgencyReason} onChange={set('urgencyReason')} rows={2} maxLength={500} />}
        </Field>
        <div className="row">
          <Field label={t('seance.president')} error={errors.presidentId}>
            {(p) => <MemberSelect {...p} members={members.data ?? []} value={form.presidentId} onChange={set('presidentId')} emptyLabel={t('seance.none')} />}
          </Field>
          <Field label={t('seance.secretary')} error={errors.secretaryIds}>
            {(p) => <MemberSelect {...p} members={members.data ?? []} value={form.secretaryId} onChange={set('secretaryId')} emptyLabel={t('seance.none')} />}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving || !orgId}>
            {t('seance.create')}
          </button>
          <Link to="/" className="button">
            {t('seance.cancel')}
          </Link>
        </div>
      </form>
    </main>
  );
}
