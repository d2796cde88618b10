import { verifyChain, type Seal } from '../domain/seal';
import { minutesContent } from '../domain/signedContent';
import { db } from './db';

/**
 * "Vérifier le registre": the seals received from the server, in chain order, against the
 * séances as this device holds them. Any difference names the first séance where it breaks.
 */
export async function verifyLocalRegister() {
  const d = db();
  const seals = (await d.seals.toArray()).sort((a, b) => a.index - b.index);
  const entries = [];
  for (const seal of seals) {
    const seance = await d.seances.get(seal.seanceId as never);
    const deliberations = seance ? await d.deliberations.where('seanceId').equals(seance.id).toArray() : [];
    const votes = (await d.votes.bulkGet(deliberations.map((x) => x.id))).filter((v) => !!v);
    const attendance = seance ? await d.attendance.where('seanceId').equals(seance.id).toArray() : [];
    entries.push({
      seal: seal as unknown as Seal,
      content: seance ? minutesContent({ seance, attendance, deliberations, votes }) : null,
      date: seance?.date ?? '?',
    });
  }
  const result = await verifyChain(entries);
  return { result, dates: entries.map((e) => e.date) };
}
