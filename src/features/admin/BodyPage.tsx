import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDirtyForm } from '../../ui/dirtyForms';
import type { Body } from '../../domain/schemas';
import { t } from '../../i18n';
import { createBody, updateBody } from '../../store/admin';
import { Field } from '../../ui/Field';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { adminQueries } from './queries';
import { touchedFields, useCommandForm } from '../../ui/useCommandForm';

export function NewBodyPage() {
  const org = useQuery(adminQueries.organisation());
  return (
    <BodyScreen title={t('admin.newBodyTitle')}>
      {org.data && <BodyForm organisationId={org.data.id} />}
    </BodyScreen>
  );
}

export function EditBodyPage() {
  const { bodyId = '' } = useParams();
  const body = useQuery(adminQueries.body(bodyId));
  return (
    <BodyScreen
      title={
        body.isPending ? t('status.loading') : body.data ? t('admin.editBodyTitle', { name: body.data.name }) : t('admin.bodyNotFound')
      }
    >
      {body.data && (
        <p>
          <Link to={`/instances/${body.data.id}/pouvoirs`} className="button">
            {t('proxies.linkOfBody', { body: body.data.name })}
          </Link>
        </p>
      )}
      {body.data && <BodyForm key={body.data.id} body={body.data} organisationId={body.data.organisationId} />}
    </BodyScreen>
  );
}

function BodyScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="contenu" className="page narrow">
      <p className="admin-back">
        <Link to="/administration">← {t('admin.back')}</Link>
      </p>
      <h1>{title}</h1>
      {children}
    </main>
  );
}

function BodyForm({ body, organisationId }: { body?: Body; organisationId: string }) {
  const navigate = useNavigate();
  const [initial] = useState(() => ({ name: body?.name ?? '', verb: body?.verb ?? '' }));
  const [seenVersion] = useState(body?.version);
  const [form, setForm] = useState(initial);
  const { errors, saving, summaryRef, run } = useCommandForm();
  useDirtyForm('admin-body', JSON.stringify(form) !== JSON.stringify(initial) && !saving);
  const set = (key: keyof typeof initial) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The verb is printed in capitals in every deliberation ("LE COMITÉ SYNDICAL … DÉLIBÈRE").
    const values = { name: form.name, verb: form.verb.toLocaleUpperCase('fr') };
    const saved = await run(() =>
      body ? updateBody(body.id, touchedFields(initial, values), new Date(), seenVersion) : createBody({ ...values, organisationId }),
    );
    if (saved) void navigate('/administration', { state: { flash: body ? 'admin.bodySaved' : 'admin.bodyCreated' } });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="admin-form">
      <ErrorSummary errors={errors} labels={{ name: t('admin.body.name'), verb: t('admin.body.verb') }} ref={summaryRef} />
      <Field label={t('admin.body.name')} error={errors.name} hint={t('admin.body.nameHint')}>
        {(p) => <input {...p} type="text" value={form.name} onChange={set('name')} maxLength={120} required autoComplete="off" />}
      </Field>
      <Field label={t('admin.body.verb')} error={errors.verb} hint={t('admin.body.verbHint')}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={form.verb}
            onChange={set('verb')}
            maxLength={120}
            required
            autoComplete="off"
            className="admin-uppercase"
          />
        )}
      </Field>
      {form.verb.trim() && (
        <p className="admin-preview">
          <span className="muted">{t('admin.body.preview')}</span> {t('admin.body.previewText', { verb: form.verb.trim().toLocaleUpperCase('fr') })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {body ? t('admin.save') : t('admin.createBody')}
        </button>
        <Link to="/administration" className="button">
          {t('admin.cancel')}
        </Link>
      </div>
    </form>
  );
}
