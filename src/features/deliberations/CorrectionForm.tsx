import { useState, type FormEvent } from 'react';
import type { Deliberation, Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { MemberSelect } from '../../ui/MemberSelect';
import { correctableFields, recordCorrection, type CorrectableField } from '../../store/closing';
import { ValidationError } from '../../store/errors';
import { Field } from '../../ui/Field';
import { errorMessage } from './errors';

const listFields: readonly CorrectableField[] = ['visas', 'recitals', 'articles'];

function currentText(item: Deliberation, field: CorrectableField): string {
  const value = item[field];
  return Array.isArray(value) ? value.join('\n') : (value ?? '');
}

/** A correction after closing: the new text with who and why, kept in the register's history. */
export function CorrectionForm({ item, members }: { item: Deliberation; members: Member[] }) {
  const [field, setField] = useState<CorrectableField>('object');
  const [value, setValue] = useState(() => currentText(item, 'object'));
  const [reason, setReason] = useState('');
  const [author, setAuthor] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const isList = listFields.includes(field);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const after = isList ? value.split('\n') : value;
      await recordCorrection({ deliberationId: item.id, field, after, reason, author });
      setErrors({});
      setReason('');
      setMessage(t('closing.correctionSaved'));
    } catch (err) {
      setMessage('');
      setErrors({ ...(err instanceof ValidationError ? err.fieldErrors : {}), _form: errorMessage(err) });
    }
  }

  return (
    <details className="delib-correction">
      <summary>{t('closing.correct')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('closing.correctTitle')}>
        <Field label={t('closing.field')}>
          {(p) => (
            <select {...p} value={field} onChange={(e) => {
              const next = e.target.value as CorrectableField;
              setField(next);
              setValue(currentText(item, next));
            }}>
              {correctableFields.map((f) => (
                <option key={f} value={f}>
                  {t(`closing.field.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={isList ? t('closing.newValueLines') : t('closing.newValue')} error={errors[field]}>
          {(p) =>
            field === 'rapporteurId' ? (
              <MemberSelect {...p} members={members} value={value} onChange={(e) => setValue(e.target.value)} emptyLabel={t('delib.noRapporteur')} />
            ) : (
              <textarea {...p} dir="auto" rows={isList ? 5 : 3} value={value} onChange={(e) => setValue(e.target.value)} />
            )
          }
        </Field>
        <Field label={t('closing.reason')} error={errors.reason}>
          {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <Field label={t('closing.author')} error={errors.author}>
          {(p) => <input {...p} type="text" value={author} onChange={(e) => setAuthor(e.target.value)} autoComplete="name" />}
        </Field>
        {errors._form && (
          <p className="error" role="alert">
            {errors._form}
          </p>
        )}
        <p role="status">{message}</p>
        <button type="submit" className="primary">
          {t('closing.saveCorrection')}
        </button>
      </form>
    </details>
  );
}
