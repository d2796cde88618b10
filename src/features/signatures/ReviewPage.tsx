import './review.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isClosed, isSealed } from '../../domain/status';
import type { DeliberationId } from '../../domain/ids';
import type { Deliberation, Seance, Signature } from '../../domain/schemas';
import type { SeanceFile } from '../../domain/seanceFile';
import type { Strokes } from '../../domain/signing';
import { extractModel } from '../../documents/extract';
import { presidentCapacity } from '../../documents/labels.fr';
import type { DocumentModel } from '../../documents/model';
import { pvModel } from '../../documents/pv';
import { seanceView } from '../../documents/seanceView';
import { t } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { queries } from '../../store/queries';
import { signAct } from '../../store/signatureCommands';
import type { LocalSession } from '../../sync/session';
import { displayDate, memberName } from '../../ui/format';
import { AuditLog } from '../../ui/audit/AuditLog';
import { OpenRequests, RequestCorrectionForm } from '../../ui/CorrectionRequests';
import { DocumentView } from './DocumentView';
import { signatureQueries } from './queries';
import { SignaturePadField } from '../../ui/SignaturePadField';
import { SignForm } from './SignForm';
import { SignatureList } from './SignatureList';

const when = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/**
 * The president's review of a séance, tablet first: the procès-verbal and each deliberation's
 * extract as they will print; for each, "Demander une correction" and "Signer". One signature
 * pad at a time: the procès-verbal's by default, an extract's when its "Signer" is pressed.
 *
 * Once the séance is sealed nothing can be asked or signed for the procès-verbal. An extract not
 * signed yet may still be signed: its signature certifies a copy ("pour extrait conforme") of
 * exactly the sealed text — the hash is of the same content — and changes nothing in the séance
 * (the seal guard does not cover signatures, and the server accepts it the same way).
 */
export function ReviewPage() {
  const { seanceId = '' } = useParams();
  const ctx = useQuery(queries.seanceContext(seanceId));
  const sigs = useQuery(signatureQueries.ofSeance(seanceId));
  const file = useQuery({ ...signatureQueries.seanceFile(seanceId), enabled: !!ctx.data });
  const hashes = useQuery(signatureQueries.currentHashes(seanceId));
  const session = useQuery(queries.meta('session'));
  const memberId = (session.data as LocalSession | null | undefined)?.user.memberId;
  const [active, setActive] = useState<string | null>(null);
  const models = useMemo(() => (file.data ? documentsOf(file.data) : undefined), [file.data]);

  if (ctx.isPending) return <main id="contenu" className="page">{t('status.loading')}</main>;
  const data = ctx.data;
  if (!data) {
    return (
      <main id="contenu" className="page">
        <h1>{t('seance.notFound')}</h1>
        <Link to="/revue">{t('review.title')}</Link>
      </main>
    );
  }
  const { seance } = data;
  const sealed = isSealed(seance.status);
  const reviewing = seance.status === 'closed';
  const signatures = sigs.data ?? [];
  const minutesSignatures = signatures.filter((s) => s.subject.kind === 'minutes');
  const president = data.allMembers.find((m) => m.id === seance.presidentId);
  const items = [...data.items].sort((a, b) => a.orderNumber - b.orderNumber);

  return (
    <main id="contenu" className="page review rv-page">
      <p>
        <Link to="/revue" className="rv-back">← {t('review.title')}</Link>
      </p>
      <h1>
        {t('review.minutes')} — {data.body?.name} du {displayDate(seance.date)}
      </h1>
      {sealed && (
        <p className="notice sealed" role="status" data-testid="sealed">
          🔒 {t('review.sealed')}
        </p>
      )}

      <section aria-labelledby="rv-minutes" className="rv-section">
        <h2 id="rv-minutes">{t('review.minutesSection')}</h2>
        <DocumentSlot model={models?.minutes} error={file.error ?? models?.error} label={t('review.minutesDoc')} scroll />
        <OpenRequests subjectId={seance.id} title={t('request.openOnMinutes')} canMark={false} level={3} />
        {reviewing && <RequestCorrectionForm seanceId={seance.id} subject={{ kind: 'minutes', id: seance.id }} context={t('request.askMinutes')} />}
        <SignatureList signatures={minutesSignatures} currentHash={hashes.data?.get(seance.id)} />
        {reviewing &&
          (active ? (
            <p className="hint rv-other-pad">{t('review.otherPadOpen')}</p>
          ) : (
            <SignForm seance={seance} members={data.allMembers} signatures={signatures} currentHash={hashes.data?.get(seance.id)} memberId={memberId} />
          ))}
        <AuditLog table="seances" recordId={seance.id} />
      </section>

      <section aria-labelledby="rv-items" className="rv-section">
        <h2 id="rv-items">{t('review.itemsSection')}</h2>
        {items.length === 0 && <p className="muted">{t('review.noItems')}</p>}
        {items.map((item) => (
          <ItemReview
            key={item.id}
            seance={seance}
            item={item}
            model={models?.extracts.get(item.id)}
            error={file.error ?? models?.error}
            // The extract's signature over its text as it is now (one over a corrected text does not count).
            signature={signatures.find((s) => s.subject.kind === 'deliberation' && s.subject.id === item.id && (!hashes.data || s.contentHash === hashes.data.get(item.id)))}
            maySign={memberId !== undefined && memberId === seance.presidentId}
            signer={{
              name: president ? memberName(president) : t('review.asPresident'),
              capacity: file.data ? extractCapacity(file.data) : t('review.asPresident'),
            }}
            active={active === item.id}
            onOpen={() => setActive(item.id)}
            onClose={() => setActive(null)}
          />
        ))}
      </section>
    </main>
  );
}

interface Documents {
  minutes?: DocumentModel;
  extracts: Map<string, DocumentModel>;
  error?: Error;
}

/** The procès-verbal and every extract, laid out by the same builders as the PDFs. */
function documentsOf(file: SeanceFile): Documents {
  const extracts = new Map<string, DocumentModel>();
  try {
    for (const d of file.deliberations) extracts.set(d.id, extractModel(file, d.id));
    return { minutes: pvModel(file), extracts };
  } catch (e) {
    return { extracts, error: e instanceof Error ? e : new Error(String(e)) };
  }
}

/** The capacity the extract prints above the president's signature ("La Présidente"). */
function extractCapacity(file: SeanceFile): string {
  const view = seanceView(file);
  const p = view.president;
  return p ? presidentCapacity(file.organisation.kind, p.civility, view.presidentMandate?.role ?? 'president') : t('review.asPresident');
}

function DocumentSlot({ model, error, label, scroll }: { model: DocumentModel | undefined; error: Error | null | undefined; label: string; scroll?: boolean }) {
  if (model) return <DocumentView model={model} label={label} scroll={scroll} />;
  if (error) return <p className="error" role="alert">{t('review.documentFailed', { reason: error.message })}</p>;
  return <p className="muted">{t('review.documentLoading')}</p>;
}

interface ItemProps {
  seance: Seance;
  item: Deliberation;
  model: DocumentModel | undefined;
  error: Error | null | undefined;
  signature: Signature | undefined;
  signer: { name: string; capacity: string };
  /** The signed-in account is the séance's president's. */
  maySign: boolean;
  active: boolean;
  onOpen: () => void;
  onClose: () => void;
}

/** One deliberation: its extract as it will print, its signature status, "Signer", "Demander une correction". */
function ItemReview({ seance, item, model, error, signature, signer, maySign, active, onOpen, onClose }: ItemProps) {
  const sealed = isSealed(seance.status);
  const reviewing = seance.status === 'closed';
  const isAct = item.kind === 'deliberation';
  // The president of the séance signs its extracts, with their own account.
  const canSign = isAct && !signature && isClosed(seance.status) && maySign;
  const signButton = useRef<HTMLButtonElement>(null);
  const headingId = `rv-item-${item.id}`;
  const close = () => {
    onClose();
    requestAnimationFrame(() => signButton.current?.focus());
  };

  return (
    <section className="rv-item" aria-labelledby={headingId} data-testid={`review-item-${item.orderNumber}`}>
      <h3 id={headingId}>{t('review.itemHeading', { order: item.orderNumber, object: item.object })}</h3>
      <DocumentSlot model={model} error={error} label={t('review.itemDoc', { order: item.orderNumber })} />
      <div className="rv-item-side">
        <p className={signature ? 'rv-status rv-status-signed' : 'rv-status'} data-testid="item-status">
          {!isAct
            ? t('review.itemNoExtract')
            : signature
              ? `✓ ${t('review.itemSigned', { name: signature.signerName, date: when(signature.signedAt) })}`
              : t('review.itemToSign')}
        </p>
        {canSign && !active && (
          <div className="rv-item-actions">
            <button ref={signButton} type="button" className="primary" onClick={onOpen}>
              {t('review.signItem')}
              <span className="visually-hidden"> {t('review.signItemContext', { order: item.orderNumber })}</span>
            </button>
            {sealed && <p className="hint">{t('review.sealedItemHint')}</p>}
          </div>
        )}
        <OpenRequests subjectId={item.id} title={t('request.openTitle')} canMark={false} level={4} />
        {reviewing && (
          <RequestCorrectionForm seanceId={seance.id} subject={{ kind: 'deliberation', id: item.id }} context={t('request.askContext', { order: item.orderNumber })} />
        )}
      </div>
      {canSign && active && <ItemSignPanel seance={seance} item={item} signer={signer} onDone={close} onCancel={close} />}
      <AuditLog table="deliberations" recordId={item.id} />
    </section>
  );
}

/** The pad for one extract: the president signs it; the drawing is kept across a rotation. */
function ItemSignPanel({ seance, item, signer, onDone, onCancel }: {
  seance: Seance;
  item: Deliberation;
  signer: { name: string; capacity: string };
  onDone: () => void;
  onCancel: () => void;
}) {
  const [drawing, setDrawing] = useState<{ strokes: Strokes; png: string | null }>({ strokes: [], png: null });
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function sign() {
    try {
      await signAct({
        subject: { kind: 'deliberation', id: item.id as DeliberationId },
        seanceId: seance.id,
        organisationId: seance.organisationId,
        role: 'president',
        ...(seance.presidentId ? { memberId: seance.presidentId } : {}),
        signerName: signer.name,
        capacity: signer.capacity,
        strokes: drawing.strokes,
        png: drawing.png,
      });
      onDone();
    } catch (e) {
      setError(e instanceof ValidationError ? (e.formError ?? e.message) : String(e));
    }
  }

  return (
    <section className="rv-sign-panel" aria-labelledby={`rv-sign-${item.id}`}>
      <h4 id={`rv-sign-${item.id}`} ref={heading} tabIndex={-1}>
        {t('review.signItemTitle', { order: item.orderNumber })}
      </h4>
      <p>
        {signer.name} — {signer.capacity}
      </p>
      <SignaturePadField onChange={(strokes, png) => setDrawing({ strokes, png })} />
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary big" onClick={() => void sign()} disabled={drawing.strokes.length === 0}>
          {t('review.confirmSign')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('review.cancel')}
        </button>
      </div>
    </section>
  );
}
