import { useRef, useState, type FormEvent } from 'react';
import { itemKinds, type Member } from '../../domain/schemas';
import { templateIds, type TemplateId } from '../../domain/templates';
import { t } from '../../i18n';
import { MemberSelect } from '../../ui/MemberSelect';
import { addItem } from '../../store/deliberationCommands';
import { ValidationError } from '../../store/errors';
import { Field } from '../../ui/Field';
import { errorMessage } from './errors';

const empty = { kind: 'deliberation' as (typeof itemKinds)[number], object: '', rapporteurId: '', template: '' as TemplateId | '' };

/** Adds an item at the end of the agenda; the focus returns to the object for the next one. */
export function AddItemForm({ seanceId, members }: { seanceId: string; members: Member[] }) {
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const objectRef = useRef<HTMLTextAreaElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const item = await addItem(seanceId, {
        kind: form.kind,
        object: form.object,
        rapporteurId: form.rapporteurId || undefined,
        template: form.template || undefined,
      });
      setForm((f) => ({ ...empty, kind: f.kind }));
      setErrors({});
      setStatus(t('delib.added', { order: item.orderNumber }));
      objectRef.current?.focus();
    } catch (err) {
      setStatus('');
      setErrors(err instanceof ValidationError && Object.keys(err.fieldErrors).length ? err.fieldErrors : { _form: errorMessage(err) });
    }
  }

  return (
    <form className="delib-add" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-item-title">
      <h2 id="add-item-title">{t('delib.addTitle')}</h2>
      {errors._form && (
        <p className="error" role="alert">
          {errors._form}
        </p>
      )}
      <div className="row">
        <Field label={t('delib.kind')} error={errors.kind}>
          {(p) => (
            <select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as typeof form.kind })}>
              {itemKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`delib.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('delib.rapporteur')} error={errors.rapporteurId}>
          {(p) => (
            <MemberSelect {...p} members={members} value={form.rapporteurId} onChange={(e) => setForm({ ...form, rapporteurId: e.target.value })} emptyLabel={t('delib.noRapporteur')} />
          )}
        </Field>
        {form.kind === 'deliberation' && (
          <Field label={t('delib.template')}>
            {(p) => (
              <select {...p} value={form.template} onChange={(e) => setForm({ ...form, template: e.target.value as TemplateId | '' })}>
                <option value="">{t('delib.noTemplate')}</option>
                {templateIds.map((id) => (
                  <option key={id} value={id}>
                    {t(`delib.template.${id}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {form.template && <p className="hint">{t('delib.templateHint')}</p>}
      <Field label={t('delib.object')} error={errors.object}>
        {(p) => (
          <textarea
            {...p}
            ref={objectRef}
            dir="auto"
            rows={2}
            value={form.object}
            onChange={(e) => setForm({ ...form, object: e.target.value })}
            onKeyDown={(e) => {
              // Enter adds the item, as in a one-line field; Shift+Enter still breaks the line.
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary">
          {t('delib.add')}
        </button>
        <p role="status" className="muted delib-status">
          {status}
        </p>
      </div>
    </form>
  );
}
