import type { Attendance, Convention, Deliberation, Seance, Signature, Vote } from './schemas';

/*
 * Exactly what a signature covers, the same on the device that signs and on the server that
 * verifies. Bookkeeping fields (version, updatedAt) and the status that sealing itself changes
 * are left out: they are not the act.
 *
 * The organisation's letterhead (its address, its logo) is presentation, not the act: it is in
 * no signed content, so replacing the logo after a séance is signed voids no signature; documents
 * printed later carry the logo of the day they are printed.
 */
const strip = <T extends object>(r: T, extra: string[] = []): Record<string, unknown> => {
  const out = { ...r } as Record<string, unknown>;
  for (const k of ['version', 'updatedAt', ...extra]) delete out[k];
  return out;
};

/**
 * An extract's signed content: the act and its vote, and what the séance froze at closing of the
 * names and mandates it prints (domain/frozen.ts). A séance closed before that froze nothing: its
 * extracts' content is what it always was.
 */
export function deliberationContent(d: Deliberation, vote: Vote | undefined, frozen?: Seance['frozen']): Record<string, unknown> {
  return { deliberation: strip(d), vote: vote ? strip(vote) : null, ...(frozen ? { frozen } : {}) };
}

export function minutesContent(input: {
  seance: Seance;
  attendance: Attendance[];
  deliberations: Deliberation[];
  votes: Vote[];
}): Record<string, unknown> {
  const byId = <T extends { id?: string; deliberationId?: string }>(a: T, b: T) =>
    String(a.id ?? a.deliberationId).localeCompare(String(b.id ?? b.deliberationId));
  return {
    seance: strip(input.seance, ['status']),
    attendance: [...input.attendance].sort(byId).map((a) => strip(a)),
    deliberations: [...input.deliberations].sort((a, b) => a.orderNumber - b.orderNumber).map((d) => strip(d)),
    votes: [...input.votes].sort(byId).map((v) => strip(v)),
  };
}

/** A convention's signed content: its title, parties, text and the hash of an attached PDF. */
export function conventionContent(c: Convention): Record<string, unknown> {
  return strip(c);
}

/** Every party has signed: the convention is complete (and was locked from its first signature). */
export function conventionComplete(c: Pick<Convention, 'id' | 'parties'>, signatures: Pick<Signature, 'subject' | 'partyIndex'>[]): boolean {
  const signed = new Set(signatures.filter((s) => s.subject.kind === 'convention' && s.subject.id === c.id).map((s) => s.partyIndex));
  return c.parties.every((_, i) => signed.has(i));
}

/** How many parties of a convention have signed it (each party signs once). */
export function signedPartyCount(conventionId: string, signatures: Pick<Signature, 'subject' | 'partyIndex'>[]): number {
  return new Set(signatures.filter((s) => s.subject.kind === 'convention' && s.subject.id === conventionId).map((s) => s.partyIndex)).size;
}
