import { useState } from 'react';
import type { Member, Seance, Signature } from '../../domain/schemas';
import type { Strokes } from '../../domain/signing';
import { t } from '../../i18n';
import { ValidationError } from '../../store/errors';
import { missingSigners, signAct } from '../../store/signatureCommands';
import { memberName } from '../../ui/format';
import { SignaturePadField } from '../../ui/SignaturePadField';

interface Props {
  seance: Seance;
  members: Member[];
  signatures: Signature[];
  /** The procès-verbal's hash now: a signature over another one no longer counts. */
  currentHash: string | null | undefined;
  /** The member the signed-in account is linked to: one signs only in one's own name. */
  memberId: string | undefined;
}

/**
 * Sign the procès-verbal as the president or one of the secrétaires de séance: the signed-in
 * account signs in the capacities its member holds in this séance, never in someone else's
 * name (the server refuses that too, domain/commands.ts). The other signatories sign with their
 * own account, here or on their device.
 */
export function SignForm({ seance, members, signatures, currentHash, memberId }: Props) {
  const missing = missingSigners(seance, signatures, currentHash);
  const options = missing
    .filter((m) => memberId !== undefined && (m === 'president' ? seance.presidentId === memberId : m === memberId))
    .map((m) =>
      m === 'president'
        ? { value: 'president', role: 'president' as const, memberId: seance.presidentId, label: t('review.asPresident'), capacity: t('review.asPresident') }
        : { value: m, role: 'secretary' as const, memberId: m, label: `${t('review.asSecretary')} — ${nameOf(members, m)}`, capacity: t('review.asSecretary') },
    );
  const [choice, setChoice] = useState(options[0]?.value ?? '');
  const [drawing, setDrawing] = useState<{ strokes: Strokes; png: string | null }>({ strokes: [], png: null });
  const [error, setError] = useState<string>();
  const [padKey, setPadKey] = useState(0);
  if (options.length === 0) {
    return missing.length > 0 ? (
      <p className="notice" data-testid="sign-as-nobody">
        {t('signature.signAsNobody')}
      </p>
    ) : null;
  }
  const selected = options.find((o) => o.value === choice) ?? options[0]!;

  async function sign() {
    try {
      const signerId = selected.memberId;
      await signAct({
        subject: { kind: 'minutes', id: seance.id },
        seanceId: seance.id,
        organisationId: seance.organisationId,
        role: selected.role,
        ...(signerId ? { memberId: signerId } : {}),
        signerName: signerId ? nameOf(members, signerId) : selected.label,
        capacity: selected.capacity,
        strokes: drawing.strokes,
        png: drawing.png,
      });
      setError(undefined);
      setDrawing({ strokes: [], png: null });
      setPadKey((k) => k + 1);
    } catch (e) {
      setError(e instanceof ValidationError ? (e.formError ?? e.message) : String(e));
    }
  }

  return (
    <section aria-labelledby="sign-title" className="sign-form">
      <h2 id="sign-title">{t('review.signMinutes')}</h2>
      <label className="field">
        <span>{t('review.signAs')}</span>
        <select value={selected.value} onChange={(e) => setChoice(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
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
      <button type="button" className="primary big" onClick={() => void sign()} disabled={drawing.strokes.length === 0}>
        {t('signature.sign')}
      </button>
    </section>
  );
}

function nameOf(members: Member[], id: string): string {
  const m = members.find((x) => x.id === id);
  return m ? memberName(m) : id;
}
