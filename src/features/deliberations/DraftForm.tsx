import { itemKinds, type Deliberation, type Member } from '../../domain/schemas';
import { applyTemplate, templateText } from '../../domain/templates';
import { t } from '../../i18n';
import { MemberSelect } from '../../ui/MemberSelect';
import { Field } from '../../ui/Field';
import { ActesPicker } from './ActesPicker';
import { LinesEditor } from './LinesEditor';
import { useAutosave, type SaveState } from './useAutosave';

interface Props {
  item: Deliberation;
  verb: string;
  members: Member[];
  organisationName: string;
  /** The item has a vote: its kind no longer changes. */
  voted: boolean;
}

function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saved'
      ? state.at
        ? t('delib.savedAt', { time: state.at.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })
        : t('delib.saved')
      : state.kind === 'error'
        ? t('delib.saveFailed', { reason: state.message })
        : state.kind === 'saving'
          ? t('delib.saving')
          : t('delib.unsaved');
  return (
    <p className={`delib-save delib-save-${state.kind}`} role="status" data-testid="save-status">
      <span aria-hidden="true">{state.kind === 'saved' ? '✔ ' : state.kind === 'error' ? '⚠ ' : '… '}</span>
      {text}
    </p>
  );
}

/**
 * The text of a deliberation, laid out as it will print, saved as it is typed. Shown while the
 * séance is open; a closed one shows DeliberationText instead.
 */
export function DraftForm({ item, verb, members, organisationName, voted }: Props) {
  const { fields: f, update, state, errors, restored } = useAutosave(item, true);
  const isDeliberation = f.kind === 'deliberation';

  const fillFromTemplate = () => update(applyTemplate(f, templateText('signConvention', { organisationName })));

  return (
    <form className="delib-draft" onSubmit={(e) => e.preventDefault()} aria-labelledby="draft-title" noValidate>
      <div className="delib-draft-head">
        <h2 id="draft-title">{t('delib.draftTitle')}</h2>
        <SaveStatus state={state} />
      </div>
      {restored && <p className="notice">{t('delib.restored')}</p>}

      <Field label={t('delib.object')} error={errors.object}>
        {(p) => (
          <textarea {...p} dir="auto" rows={2} value={f.object} className="delib-object"
            onChange={(e) => update({ object: e.target.value })} />
        )}
      </Field>
      <div className="row">
        <Field label={t('delib.kind')} error={errors.kind}>
          {(p) => (
            <select {...p} value={f.kind} disabled={voted} onChange={(e) => update({ kind: e.target.value as Deliberation['kind'] })}>
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
            <MemberSelect {...p} members={members} value={f.rapporteurId} onChange={(e) => update({ rapporteurId: e.target.value })} emptyLabel={t('delib.noRapporteur')} />
          )}
        </Field>
      </div>
      {isDeliberation && <ActesPicker value={f.actesSubject} onChange={(actesSubject) => update({ actesSubject })} error={errors.actesSubject} />}
      <Field label={t('delib.preamble')} error={errors.preamble}>
        {(p) => (
          <textarea {...p} dir="auto" rows={6} value={f.preamble} className="delib-preamble"
            onChange={(e) => update({ preamble: e.target.value })} />
        )}
      </Field>

      {isDeliberation && (
        <>
          <div className="delib-template">
            <button type="button" onClick={fillFromTemplate}>
              {t('delib.applyTemplate')}
            </button>
            <p className="hint">{t('delib.templateHint')}</p>
          </div>
          <p className="delib-verb" dir="auto">{verb}</p>
          <LinesEditor legend={t('delib.visas')} lineLabel={(n) => t('delib.visa', { n })} addLabel={t('delib.addVisa')}
            removeLabel={(n) => t('delib.removeVisa', { n })} hint={t('delib.linesHint')} lines={f.visas} prefix="Vu "
            onChange={(visas) => update({ visas })} testId="visas" />
          <LinesEditor legend={t('delib.recitals')} lineLabel={(n) => t('delib.recital', { n })} addLabel={t('delib.addRecital')}
            removeLabel={(n) => t('delib.removeRecital', { n })} hint={t('delib.linesHint')} lines={f.recitals} prefix="Considérant "
            onChange={(recitals) => update({ recitals })} testId="recitals" />
          <p className="delib-verb">{t('delib.deliberates')}</p>
          <LinesEditor legend={t('delib.articles')} lineLabel={(n) => t('delib.article', { n })} addLabel={t('delib.addArticle')}
            removeLabel={(n) => t('delib.removeArticle', { n })} hint={t('delib.articlesHint')} lines={f.articles} multiline
            onChange={(articles) => update({ articles })} testId="articles" />
        </>
      )}
      <Field label={t('delib.debates')} hint={t('delib.debatesHint')} error={errors.debates}>
        {(p) => (
          <textarea {...p} dir="auto" rows={5} value={f.debates} className="delib-preamble" data-testid="debates"
            onChange={(e) => update({ debates: e.target.value })} />
        )}
      </Field>
    </form>
  );
}
