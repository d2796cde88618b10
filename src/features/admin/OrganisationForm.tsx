import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDirtyForm } from '../../ui/dirtyForms';
import { organisationKinds, publicationModes, type Organisation } from '../../domain/schemas';
import { t } from '../../i18n';
import { updateOrganisation } from '../../store/admin';
import { Field } from '../../ui/Field';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { fieldError, touchedFields, useCommandForm } from '../../ui/useCommandForm';

function toForm(o: Organisation) {
  return {
    name: o.name,
    kind: o.kind as string,
    address: o.addressLines.join('\n'),
    postalCode: o.postalCode,
    city: o.city,
    phone: o.phone,
    fax: o.fax,
    email: o.email,
    website: o.website,
    siret: o.siret,
    openingHours: o.openingHours,
    population: o.population ? String(o.population) : '',
    publicationMode: o.publicationMode as string,
  };
}
type FormState = ReturnType<typeof toForm>;

/** Text fields, in the order of the form: their label key doubles as the error summary label. */
const LABELS = {
  name: 'admin.org.name',
  kind: 'admin.org.kind',
  addressLines: 'admin.org.address',
  postalCode: 'admin.org.postalCode',
  city: 'admin.org.city',
  phone: 'admin.org.phone',
  fax: 'admin.org.fax',
  email: 'admin.org.email',
  website: 'admin.org.website',
  siret: 'admin.org.siret',
  openingHours: 'admin.org.openingHours',
  population: 'admin.org.population',
  publicationMode: 'admin.org.publicationMode',
} as const;

export function OrganisationForm({ organisation }: { organisation: Organisation }) {
  const navigate = useNavigate();
  // What the user started from: only the fields they change are sent (see touchedFields).
  const [initial] = useState(() => ({ values: toForm(organisation), version: organisation.version }));
  const [form, setForm] = useState<FormState>(initial.values);
  const { errors, saving, summaryRef, run } = useCommandForm();
  useDirtyForm('admin-organisation', JSON.stringify(form) !== JSON.stringify(initial.values) && !saving);
  const set = (key: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const label = (key: keyof typeof LABELS) => t(LABELS[key]);
  const err = (key: keyof typeof LABELS) => fieldError(errors, key);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { address, population, ...rest } = touchedFields(initial.values, form);
    const digits = population?.replace(/\s+/g, '');
    const patch = {
      ...rest,
      ...(address !== undefined && { addressLines: address.split('\n').map((l) => l.trim()).filter(Boolean) }),
      // Not a number → NaN, which the schema refuses: the user sees the error, nothing is guessed.
      ...(digits !== undefined && { population: digits === '' ? 0 : /^\d+$/.test(digits) ? Number(digits) : Number.NaN }),
    };
    const saved = await run(() => updateOrganisation(organisation.id, patch, new Date(), initial.version));
    if (saved) void navigate('/administration', { state: { flash: 'admin.organisationSaved' } });
  }

  const text = (key: keyof FormState & keyof typeof LABELS, extra: InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field label={label(key)} error={err(key)} hint={hint}>
      {(p) => <input {...p} type="text" value={form[key]} onChange={set(key)} {...extra} />}
    </Field>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="admin-form">
      <ErrorSummary errors={errors} labels={Object.fromEntries(Object.entries(LABELS).map(([k, v]) => [k, t(v)]))} ref={summaryRef} />
      <fieldset>
        <legend>{t('admin.org.identity')}</legend>
        {text('name', { maxLength: 200, required: true, autoComplete: 'organization' })}
        <div className="row">
          <Field label={label('kind')} error={err('kind')}>
            {(p) => (
              <select {...p} value={form.kind} onChange={set('kind')}>
                {organisationKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`admin.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('siret', { inputMode: 'numeric', maxLength: 20, autoComplete: 'off' })}
        </div>
        {text('population', { inputMode: 'numeric', maxLength: 12, autoComplete: 'off', className: 'admin-short' }, t('admin.org.populationHint'))}
        <Field label={label('publicationMode')} error={err('publicationMode')} hint={t('admin.org.publicationModeHint')}>
          {(p) => (
            <select {...p} value={form.publicationMode} onChange={set('publicationMode')}>
              {publicationModes.map((m) => (
                <option key={m} value={m}>
                  {t(`admin.publicationMode.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('admin.org.contact')}</legend>
        <Field label={label('addressLines')} error={err('addressLines')} hint={t('admin.org.addressHint')}>
          {(p) => <textarea {...p} value={form.address} onChange={set('address')} rows={3} autoComplete="street-address" />}
        </Field>
        <div className="row">
          {text('postalCode', { maxLength: 10, autoComplete: 'postal-code', inputMode: 'numeric' })}
          {text('city', { maxLength: 100, autoComplete: 'address-level2' })}
        </div>
        <div className="row">
          {text('phone', { type: 'tel', maxLength: 30, autoComplete: 'tel' })}
          {text('fax', { type: 'tel', maxLength: 30, autoComplete: 'off' })}
        </div>
        <div className="row">
          {text('email', { type: 'email', maxLength: 200, autoComplete: 'email' })}
          {text('website', { inputMode: 'url', maxLength: 200, autoComplete: 'url' })}
        </div>
        <Field label={label('openingHours')} error={err('openingHours')}>
          {(p) => <textarea {...p} value={form.openingHours} onChange={set('openingHours')} rows={3} maxLength={500} />}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('admin.save')}
        </button>
        <Link to="/administration" className="button">
          {t('admin.cancel')}
        </Link>
      </div>
    </form>
  );
}
