import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useDirtyForm } from '../../ui/dirtyForms';
import type { Mandate } from '../../domain/schemas';
import { t } from '../../i18n';
import { endMandate } from '../../store/admin';
import { Field } from '../../ui/Field';
import { todayIso } from '../../ui/dates';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { useCommandForm } from '../../ui/useCommandForm';

interface Props {
  mandate: Mandate;
  bodyName: string;
  onCancel: () => void;
  onSaved: () => void;
}

/** The last day in office: the member still counts among the members in office on that day. */
export function EndMandateForm({ mandate, bodyName, onCancel, onSaved }: Props) {
  const [initial] = useState(() => ({ end: mandate.end ?? todayIso(), version: mandate.version }));
  const [end, setEnd] = useState(initial.end);
  const input = useRef<HTMLInputElement>(null);
  const { errors, saving, summaryRef, run } = useCommandForm();
  useDirtyForm(`admin-end-${mandate.id}`, end !== initial.end && !saving);
  const label = t('admin.mandate.lastDay', { body: bodyName });

  useEffect(() => input.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run(() => endMandate(mandate.id, end, new Date(), initial.version))) onSaved();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="admin-end-form">
      <ErrorSummary errors={errors} labels={{ end: label }} ref={summaryRef} />
      <Field label={label} error={errors.end} hint={t('admin.mandate.lastDayHint')}>
        {(p) => <input {...p} ref={input} type="date" value={end} onChange={(e) => setEnd(e.target.value)} required className="admin-date" />}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('admin.confirmEnd')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
