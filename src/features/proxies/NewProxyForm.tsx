import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useDirtyForm } from '../../ui/dirtyForms';
import type { Body, Member, Seance } from '../../domain/schemas';
import { t } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { createProxy } from '../../store/proxyCommands';
import { Field } from '../../ui/Field';
import { memberName } from '../../ui/format';
import { MemberSelect } from '../../ui/MemberSelect';
import { todayIso } from '../../ui/dates';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { useCommandForm } from '../../ui/useCommandForm';
import { seanceLabel } from './labels';
import { missingChoices, type ProxyDraft } from './proxyView';

interface Props {
  body: Body;
  /** The séances not yet closed, in date order. */
  seances: Seance[];
  /** The members who can give or hold a pouvoir. */
  members: Member[];
}

const emptyDraft = (): ProxyDraft => ({ giverId: '', holderId: '', writtenOn: todayIso(), seanceIds: [], illness: false });

/** Records a pouvoir for one or several séances; a refusal says why beside the choice to change. */
export function NewProxyForm({ body, seances, members }: Props) {
  const id = useId();
  const [initial, setInitial] = useState(emptyDraft);
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState<{ text: string; count: number }>();
  const notice = useRef<HTMLParagraphElement>(null);
  const { errors, saving, summaryRef, run } = useCommandForm();
  useDirtyForm('proxy-new', JSON.stringify(draft) !== JSON.stringify(initial) && !saving);
  useEffect(() => {
    if (saved) notice.current?.focus();
  }, [saved]);

  const labels = {
    giverId: t('proxies.giver'),
    holderId: t('proxies.holder'),
    writtenOn: t('proxies.writtenOn'),
    seanceIds: t('proxies.seances'),
  };
  const nameOf = (memberId: string) => {
    const m = members.find((x) => x.id === memberId);
    return m ? memberName(m) : '';
  };
  const toggle = (seanceId: string, on: boolean) =>
    setDraft((d) => ({ ...d, seanceIds: on ? [...d.seanceIds, seanceId] : d.seanceIds.filter((x) => x !== seanceId) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(undefined);
    const proxy = await run(async () => {
      const missing = missingChoices(draft);
      if (Object.keys(missing).length > 0) throw new ValidationError(missing);
      return createProxy({ organisationId: body.organisationId, bodyId: body.id, ...draft });
    });
    if (!proxy) return;
    setSaved((s) => ({
      text: t('proxies.created', { giver: nameOf(proxy.giverId), holder: nameOf(proxy.holderId) }),
      count: (s?.count ?? 0) + 1,
    }));
    const next = emptyDraft();
    setInitial(next);
    setDraft(next);
  }

  const seancesError = errors.seanceIds;
  const seancesDescription = [`${id}-seances-hint`, seancesError && `${id}-seances-error`].filter(Boolean).join(' ');

  return (
    <section aria-labelledby={`${id}-title`} className="proxies-new">
      <h2 id={`${id}-title`}>{t('proxies.newTitle')}</h2>
      <div role="status" className="admin-status">
        {saved && (
          <p className="notice" tabIndex={-1} ref={notice} data-testid="proxy-saved">
            {saved.text}
          </p>
        )}
      </div>
      {members.length === 0 && <p className="notice warning">{t('proxies.noMembers')}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate className="admin-form proxies-form">
        <ErrorSummary errors={errors} labels={labels} ref={summaryRef} />
        <Field label={labels.giverId} error={errors.giverId}>
          {(p) => (
            <MemberSelect
              {...p}
              members={members}
              value={draft.giverId}
              // The holder list leaves the giver out: a holder who became the giver is cleared.
              onChange={(e) => {
                const giverId = e.target.value;
                setDraft((d) => ({ ...d, giverId, holderId: d.holderId === giverId ? '' : d.holderId }));
              }}
              emptyLabel={t('proxies.chooseMember')}
            />
          )}
        </Field>
        <Field label={labels.holderId} error={errors.holderId}>
          {(p) => (
            <MemberSelect
              {...p}
              members={members.filter((m) => m.id !== draft.giverId)}
              value={draft.holderId}
              onChange={(e) => setDraft((d) => ({ ...d, holderId: e.target.value }))}
              emptyLabel={t('proxies.chooseMember')}
            />
          )}
        </Field>
        <Field label={labels.writtenOn} error={errors.writtenOn} hint={t('proxies.writtenOnHint')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.writtenOn}
              onChange={(e) => setDraft((d) => ({ ...d, writtenOn: e.target.value }))}
              required
              className="admin-date"
            />
          )}
        </Field>
        <fieldset className={`proxies-seances${seancesError ? ' proxies-seances-error' : ''}`} aria-describedby={seancesDescription}>
          <legend>{labels.seanceIds}</legend>
          <p id={`${id}-seances-hint`} className="hint">
            {t('proxies.seancesHint')}
          </p>
          {seances.length === 0 ? (
            <p>{t('proxies.noOpenSeance')}</p>
          ) : (
            <ul className="proxies-checks">
              {seances.map((s) => (
                <li key={s.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={draft.seanceIds.includes(s.id)}
                      onChange={(e) => toggle(s.id, e.target.checked)}
                    />
                    <span>
                      {seanceLabel(s)} <span className="muted">({t(`seanceStatus.${s.status}`)})</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {seancesError && (
            <p id={`${id}-seances-error`} className="error">
              {t(seancesError)}
            </p>
          )}
        </fieldset>
        <ul className="proxies-checks">
          <li>
            <label>
              <input type="checkbox" checked={draft.illness} onChange={(e) => setDraft((d) => ({ ...d, illness: e.target.checked }))} />
              <span>{t('proxies.illnessLabel')}</span>
            </label>
          </li>
        </ul>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            {t('proxies.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
