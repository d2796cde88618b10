import { canonicalHash } from './canonical';
import { verifyChain, type Seal } from './seal';
import type { SeanceFile } from './seanceFile';
import { minutesContent } from './signedContent';

export type RegisterCheck =
  | { ok: true; sealed: number; signatures: number }
  | { ok: false; message: string; seanceId?: string; index?: number };

const REASONS: Record<string, string> = {
  content: 'son contenu ne correspond plus à son scellement',
  link: 'le chaînage avec la séance précédente est rompu',
  sealHash: 'le scellement a été modifié',
  order: 'une séance manque ou a été déplacée',
};

/**
 * Checks a register given as séance files: each signature's hash against the act as the file
 * holds it, and the chain of seals in order. Says exactly where it breaks.
 */
export async function verifyRegister(files: readonly SeanceFile[]): Promise<RegisterCheck> {
  let signatures = 0;
  for (const f of files) {
    const content = minutesContent({ seance: f.seance, attendance: f.attendance, deliberations: f.deliberations, votes: f.votes });
    const hash = await canonicalHash(content);
    for (const s of f.signatures.filter((x) => x.subject.kind === 'minutes')) {
      signatures++;
      if (s.contentHash !== hash) {
        return {
          ok: false,
          seanceId: f.seance.id,
          message: `Séance du ${f.seance.date} : le procès-verbal signé par ${s.signerName} a été modifié depuis sa signature.`,
        };
      }
    }
  }
  const sealed = files.filter((f) => f.seal).sort((a, b) => a.seal!.index - b.seal!.index);
  const chain = await verifyChain(
    sealed.map((f) => ({
      seal: f.seal as Seal,
      content: minutesContent({ seance: f.seance, attendance: f.attendance, deliberations: f.deliberations, votes: f.votes }),
    })),
  );
  if (!chain.ok) {
    const f = sealed[chain.index - 1];
    return {
      ok: false,
      seanceId: chain.seanceId,
      index: chain.index,
      message: `Registre altéré à la séance n° ${chain.index}${f ? ` (séance du ${f.seance.date})` : ''} : ${REASONS[chain.reason]}.`,
    };
  }
  return { ok: true, sealed: sealed.length, signatures };
}
