import './CorrectionRequests.css';
import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { CorrectionRequest } from '../domain/corrections';
import { t } from '../i18n';
import { ValidationError } from '../store/errors';
import { requestQueries } from '../store/correctionRequestReads';

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
};

const messageOf = (e: unknown) => (e instanceof ValidationError ? t(e.fieldErrors.comment ?? e.formError ?? e.message) : String(e));

/**
 * "Demander une correction": a button that opens a comment box; the request is saved on this
 * device (and synced) for the secretary to see on the item.
 */
export function RequestCorrectionForm({ seanceId, subject, context }: { seanceId: string; subject: CorrectionRequest['subject']; context: string }) {
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  async function send() {
    try {
      const { requestCorrection } = await import('../store/correctionRequests');
      await requestCorrection({ seanceId, subject, comment });
      setOpen(false);
      setComment('');
      setError(undefined);
      setSent(true);
      // The form closes: focus goes back where it was opened from.
      requestAnimationFrame(() => openButton.current?.focus());
    } catch (e) {
      setError(messageOf(e));
    }
  }

  if (!open) {
    return (
      <div className="rv-request">
        <button ref={openButton} type="button" onClick={() => { setOpen(true); setSent(false); }}>
          {t('request.ask')}
          <span className="visually-hidden"> {context}</span>
        </button>
        {sent && (
          <p role="status" className="notice sealed rv-sent">
            {t('request.sent')}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      className="rv-request rv-request-form"
      aria-label={`${t('request.ask')} ${context}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className={`field${error ? ' field-error' : ''}`}>
        <label htmlFor={`${id}-comment`}>{t('request.comment')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('request.commentHint')}
        </p>
        <textarea
          id={`${id}-comment`}
          rows={4}
          value={comment}
          autoFocus
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setComment(e.target.value)}
        />
        {error && (
          <p id={`${id}-error`} className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('request.send')}
        </button>
        <button type="button" onClick={() => { setOpen(false); setError(undefined); requestAnimationFrame(() => openButton.current?.focus()); }}>
          {t('review.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One request: the comment, who asked and when, and (for the secretary) "Marquer comme traitée". */
function RequestItem({ request, canMark, label }: { request: CorrectionRequest; canMark: boolean; label?: string }) {
  const [error, setError] = useState<string>();
  async function markDone() {
    try {
      const { markCorrectionDone } = await import('../store/correctionRequests');
      await markCorrectionDone(request.id);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <li className="rv-request-item" data-testid="correction-request">
      {label && <p className="rv-request-on">{t('request.on', { item: label })}</p>}
      <blockquote className="rv-request-comment">{request.comment}</blockquote>
      <p className="muted small-text">{t('request.by', { name: request.requestedBy, date: when(request.requestedAt) })}</p>
      {request.status === 'done' ? (
        <p className="muted small-text">{t('request.doneBy', { name: request.doneBy ?? '', date: when(request.doneAt ?? '') })}</p>
      ) : (
        canMark && (
          <button type="button" onClick={() => void markDone()}>
            {t('request.markDone')}
          </button>
        )
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** The open requests on one item (a deliberation, or the procès-verbal: its séance id). */
export function OpenRequests({ subjectId, title, canMark, labelOf, level = 2 }: {
  subjectId: string;
  title: string;
  canMark: boolean;
  level?: 2 | 3 | 4;
  labelOf?: (r: CorrectionRequest) => string | undefined;
}) {
  const requests = useQuery(requestQueries.on(subjectId));
  const open = (requests.data ?? []).filter((r) => r.status === 'open');
  if (open.length === 0) return null;
  const Heading = level === 4 ? 'h4' : level === 3 ? 'h3' : 'h2';
  return (
    <section className="rv-requests" aria-label={title}>
      <Heading className="rv-requests-title">{title}</Heading>
      <ul className="rv-request-list">
        {open.map((r) => (
          <RequestItem key={r.id} request={r} canMark={canMark} label={labelOf?.(r)} />
        ))}
      </ul>
    </section>
  );
}

/** How many requests of a séance are still open (all items together). */
export function OpenRequestCount({ seanceId }: { seanceId: string }) {
  const requests = useQuery(requestQueries.ofSeance(seanceId));
  const count = (requests.data ?? []).filter((r) => r.status === 'open').length;
  if (count === 0) return null;
  return (
    <p className="notice warning" data-testid="open-requests-count">
      {t('request.openCount', { count })}
    </p>
  );
}
