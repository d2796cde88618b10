import './conventions.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Strokes } from '../../domain/signing';
import { t } from '../../i18n';
import {
  attachmentOf, deleteConvention, isComplete, partyStatuses, signConvention, updateConvention, type PartyStatus,
} from '../../store/conventionCommands';
import { ValidationError } from '../../store/errors';
import { displayDate } from '../../ui/format';
import { download } from '../../ui/download';
import { useMissingBytes } from '../../ui/useMissingBytes';
import { AuditLog } from '../../ui/audit/AuditLog';
import { SignaturePadField } from '../../ui/SignaturePadField';
import { ConventionForm, type ConventionDraft } from './ConventionForm';
import { conventionPdfBlob } from './pdf';
import { conventionQueries } from '../../store/conventionReads';

const messageOf = (e: unknown) => (e instanceof ValidationError ? (e.formError ?? e.message) : String(e));

/** A convention: its parties and their status, its text, each party's signature, its PDF. */
export function ConventionPage() {
  const { conventionId = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery(conventionQueries.one(conventionId));
  const [editing, setEditing] = useState(false);
  const [pdfBusy, setPdfBusy] = useState(false);
  const [error, setError] = useState('');
  // A PDF chosen on another device is fetched when the page opens online; the read sees it arrive.
  const fileFetch = useMissingBytes(q.data?.convention.attachment && !q.data.hasAttachment ? { kind: 'convention', convention: q.data.convention } : undefined);

  if (q.isPending) return <main id="contenu" className="page">{t('status.loading')}</main>;
  const detail = q.data;
  if (!detail) {
    return (
      <main id="contenu" className="page">
        <h1>{t('convention.notFound')}</h1>
        <Link to="/conventions">{t('convention.list')}</Link>
      </main>
    );
  }
  const { convention: c, signatures, deliberation, seance } = detail;
  const statuses = partyStatuses(c, signatures);
  const signedCount = statuses.filter((s) => s.signature).length;
  const locked = signedCount > 0;
  const complete = isComplete(c, signatures);

  async function pdf() {
    setPdfBusy(true);
    try {
      const { blob, name } = await conventionPdfBlob(detail!, await attachmentOf(c));
      download(blob, name);
      setError('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPdfBusy(false);
    }
  }

  async function save(draft: ConventionDraft) {
    await updateConvention(c.id, { title: draft.title, parties: draft.parties, text: draft.text });
    setEditing(false);
  }

  async function remove() {
    if (!window.confirm(t('convention.deleteConfirm'))) return;
    try {
      await deleteConvention(c.id);
      await navigate(deliberation && seance ? `/seances/${seance.id}/points/${deliberation.id}` : '/conventions');
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <main id="contenu" className="page convention-page">
      <p>
        <Link to="/conventions">← {t('convention.list')}</Link>
      </p>
      <h1>{c.title}</h1>
      {deliberation && seance && (
        <p>
          {t('convention.authorisedBy')} :{' '}
          <Link to={`/seances/${seance.id}/points/${deliberation.id}`}>
            {deliberation.registryNumber ? `${deliberation.registryNumber} — ` : ''}
            {deliberation.object}
          </Link>{' '}
          ({displayDate(seance.date)})
        </p>
      )}
      <p className={complete ? 'notice sealed' : locked ? 'notice' : 'muted'} role="status" data-testid="convention-progress">
        {complete ? `🔒 ${t('convention.complete')}` : t('convention.progress', { signed: signedCount, total: c.parties.length })}
        {!complete && locked && <> — {t('convention.lockedNotice')}</>}
      </p>

      <section aria-labelledby="parties-title">
        <h2 id="parties-title">{t('convention.parties')}</h2>
        <table className="convention-parties-table" data-testid="convention-parties">
          <thead>
            <tr>
              <th scope="col">{t('convention.partyOrganisation')}</th>
              <th scope="col">{t('convention.partySignatory')}</th>
              <th scope="col">{t('convention.status')}</th>
            </tr>
          </thead>
          <tbody>
            {statuses.map(({ party, index, signature }) => (
              <tr key={index}>
                <th scope="row">{party.organisationName}</th>
                <td>
                  {party.signatoryName}, {party.capacity}
                </td>
                <td>
                  {signature ? (
                    <span className="ok">✔ {t('convention.statusSigned', { date: displayDate(signature.signedAt.slice(0, 10)), name: signature.signerName })}</span>
                  ) : (
                    t('convention.statusWaiting')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {editing ? (
        <ConventionForm
          initial={{ title: c.title, parties: c.parties, text: c.text }}
          allowAttachment={false}
          submitLabel={t('convention.save')}
          onSubmit={save}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <article className="paper" aria-label={t('convention.text')}>
          {c.attachment && (
            <p>
              {t('convention.attachmentKept', {
                name: c.attachment.fileName,
                size: t('delib.annexSize', { size: Math.max(1, Math.round(c.attachment.size / 1024)) }),
                hash: `${c.attachment.sha256.slice(0, 16)}…`,
              })}
            </p>
          )}
          {c.attachment && !detail.hasAttachment && fileFetch.busy && (
            <p className="notice" role="status" aria-busy="true" data-testid="attachment-fetching">
              {t('convention.attachmentFetching')}
            </p>
          )}
          {c.attachment && !detail.hasAttachment && !fileFetch.busy && <p className="notice warning">{t('convention.attachmentMissing')}</p>}
          {c.attachment && !detail.hasAttachment && fileFetch.error && (
            <p className="error" role="alert">
              {t('convention.attachmentFetchFailed', { reason: fileFetch.error })}
            </p>
          )}
          {c.text
            .split(/\n\s*\n/)
            .filter((p) => p.trim() !== '')
            .map((p, i) => (
              <p key={i} className="pre-line">
                {p}
              </p>
            ))}
        </article>
      )}

      <p className="form-actions">
        <button type="button" className="primary" onClick={() => void pdf()} disabled={pdfBusy} aria-busy={pdfBusy}>
          {pdfBusy ? t('convention.pdfWorking') : t('convention.pdf')}
        </button>
        {!locked && !editing && (
          <>
            <button type="button" onClick={() => setEditing(true)}>
              {t('convention.edit')}
            </button>
            <button type="button" className="delib-danger" onClick={() => void remove()}>
              {t('convention.delete')}
            </button>
          </>
        )}
      </p>
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {!complete && !editing && <PartySignForm conventionId={c.id} waiting={statuses.filter((s) => !s.signature)} unreadable={!!c.attachment && !detail.hasAttachment} />}
      <AuditLog table="conventions" recordId={c.id} />
    </main>
  );
}

/** One signatory at a time: choose the party, draw, sign. */
function PartySignForm({ conventionId, waiting, unreadable }: { conventionId: string; waiting: PartyStatus[]; unreadable: boolean }) {
  const [choice, setChoice] = useState<number>(waiting[0]?.index ?? 0);
  const [drawing, setDrawing] = useState<{ strokes: Strokes; png: string | null }>({ strokes: [], png: null });
  const [padKey, setPadKey] = useState(0);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const selected = waiting.find((w) => w.index === choice) ?? waiting[0];
  if (!selected) return null;

  async function sign() {
    try {
      const s = await signConvention({ conventionId, partyIndex: selected!.index, strokes: drawing.strokes, png: drawing.png });
      setMessage(t('convention.signedBy', { name: s.signerName }));
      setError('');
      setDrawing({ strokes: [], png: null });
      setPadKey((k) => k + 1);
      const rest = waiting.filter((w) => w.index !== selected!.index);
      if (rest[0]) setChoice(rest[0].index);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section aria-labelledby="convention-sign-title" className="sign-form">
      <h2 id="convention-sign-title">{t('convention.sign')}</h2>
      <label className="field">
        <span>{t('convention.signFor')}</span>
        <select value={selected.index} onChange={(e) => setChoice(Number(e.target.value))}>
          {waiting.map((w) => (
            <option key={w.index} value={w.index}>
              {w.party.organisationName} — {w.party.signatoryName}, {w.party.capacity}
            </option>
          ))}
        </select>
      </label>
      <SignaturePadField key={padKey} onChange={(strokes, png) => setDrawing({ strokes, png })} />
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {/* Nobody signs a text they cannot read: wait for the attached PDF. */}
      {unreadable && <p className="hint">{t('convention.signAfterReading')}</p>}
      <button type="button" className="primary big" onClick={() => void sign()} disabled={drawing.strokes.length === 0 || unreadable}>
        {t('signature.sign')}
      </button>
    </section>
  );
}
