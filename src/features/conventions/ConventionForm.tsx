import { useId, useState, type FormEvent } from 'react';
import type { Party } from '../../domain/schemas';
import { t, tCode } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { Field } from '../../ui/Field';

export interface ConventionDraft {
  title: string;
  parties: Party[];
  text: string;
  file?: File | undefined;
}

interface Props {
  initial: ConventionDraft;
  /** Attaching a PDF is offered when the convention is created (its hash is then signed). */
  allowAttachment: boolean;
  submitLabel: string;
  onSubmit: (draft: ConventionDraft) => Promise<void>;
  onCancel?: () => void;
}

const MAX_PARTIES = 10;
const emptyParty = (): Party => ({ organisationName: '', signatoryName: '', capacity: '' });

/** Title, parties (2 to 10) and text or PDF of a convention; errors in French beside each field. */
export function ConventionForm({ initial, allowAttachment, submitLabel, onSubmit, onCancel }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<ConventionDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const setParty = (i: number, patch: Partial<Party>) =>
    setDraft((d) => ({ ...d, parties: d.parties.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit(draft);
      setErrors({});
      setFormError('');
    } catch (err) {
      if (err instanceof ValidationError) {
        setErrors(err.fieldErrors);
        setFormError(err.formError ?? Object.values(err.fieldErrors)[0] ?? 'error.invalid');
      } else setFormError(String(err));
    } finally {
      setBusy(false);
    }
  }

  const partyError = (i: number, field: keyof Party) => errors[`parties.${i}.${field}`];

  return (
    <form className="convention-form" onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('convention.title')} hint={t('convention.titleHint')} error={errors.title}>
        {(p) => <input {...p} value={draft.title} maxLength={500} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}
      </Field>
      <fieldset className="convention-parties">
        <legend>{t('convention.parties')}</legend>
        {errors.parties && <p className="error">{tCode(errors.parties)}</p>}
        {draft.parties.map((party, i) => (
          <fieldset key={i} className="convention-party" aria-labelledby={`${id}-party-${i}`}>
            <legend id={`${id}-party-${i}`}>{t('convention.party', { n: i + 1 })}</legend>
            <Field label={t('convention.partyOrganisation')} error={partyError(i, 'organisationName')}>
              {(p) => <input {...p} value={party.organisationName} maxLength={200} onChange={(e) => setParty(i, { organisationName: e.target.value })} />}
            </Field>
            <Field label={t('convention.partySignatory')} error={partyError(i, 'signatoryName')}>
              {(p) => <input {...p} value={party.signatoryName} maxLength={120} onChange={(e) => setParty(i, { signatoryName: e.target.value })} />}
            </Field>
            <Field label={t('convention.partyCapacity')} error={partyError(i, 'capacity')}>
              {(p) => <input {...p} value={party.capacity} maxLength={120} onChange={(e) => setParty(i, { capacity: e.target.value })} />}
            </Field>
            {draft.parties.length > 2 && (
              <button type="button" className="small" onClick={() => setDraft({ ...draft, parties: draft.parties.filter((_, j) => j !== i) })}>
                {t('convention.removeParty', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        {draft.parties.length < MAX_PARTIES && (
          <button type="button" onClick={() => setDraft({ ...draft, parties: [...draft.parties, emptyParty()] })}>
            {t('convention.addParty')}
          </button>
        )}
      </fieldset>
      <Field label={t('convention.text')} hint={t('convention.textHint')} error={errors.text}>
        {(p) => <textarea {...p} rows={12} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />}
      </Field>
      {allowAttachment && (
        <Field label={t('convention.attachment')} error={errors.attachment}>
          {(p) => <input {...p} type="file" accept="application/pdf,.pdf" onChange={(e) => setDraft({ ...draft, file: e.target.files?.[0] })} />}
        </Field>
      )}
      {formError && (
        <p className="error" role="alert">
          {tCode(formError)}
        </p>
      )}
      <p className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('convention.cancel')}
          </button>
        )}
      </p>
    </form>
  );
}

export { emptyParty };
