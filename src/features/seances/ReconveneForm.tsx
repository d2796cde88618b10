import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { earliestReconvocationDate } from '../../domain/convocation';
import type { Seance } from '../../domain/schemas';
import { t, tCode } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { reconvene } from '../../store/seanceCommands';
import { Field } from '../../ui/Field';
import { displayDate } from '../../ui/format';

/** After a séance without quorum: convene again, at least three days later (CGCT L2121-17). */
export function ReconveneForm({ seance }: { seance: Seance }) {
  const navigate = useNavigate();
  const earliest = earliestReconvocationDate(seance.date);
  const [form, setForm] = useState({ date: earliest, time: seance.time, place: seance.place, convocationDate: seance.date });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const next = await reconvene(seance.id, form);
      void navigate(`/seances/${next.id}`);
    } catch (err) {
      setErrors(err instanceof ValidationError ? { ...err.fieldErrors, ...(err.formError ? { _form: err.formError } : {}) } : { _form: String(err) });
    }
  }

  return (
    <section aria-labelledby="reconvene">
      <h2 id="reconvene">{t('seance.reconveneTitle')}</h2>
      {errors._form && (
        <p className="error" role="alert">
          {tCode(errors._form)}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="row">
          <Field label={t('seance.date')} error={errors.date} hint={displayDate(earliest)}>
            {(p) => <input {...p} type="date" min={earliest} value={form.date} onChange={set('date')} />}
          </Field>
          <Field label={t('seance.time')} error={errors.time}>
            {(p) => <input {...p} type="time" value={form.time} onChange={set('time')} />}
          </Field>
        </div>
        <div className="row">
          <Field label={t('seance.place')} error={errors.place}>
            {(p) => <input {...p} type="text" value={form.place} onChange={set('place')} />}
          </Field>
          <Field label={t('seance.convocationDate')} error={errors.convocationDate}>
            {(p) => <input {...p} type="date" value={form.convocationDate} onChange={set('convocationDate')} />}
          </Field>
        </div>
        <button type="submit" className="primary">
          {t('seance.reconvene')}
        </button>
      </form>
    </section>
  );
}
