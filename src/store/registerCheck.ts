import { missingSeanceProblem, verifyRegister, type RegisterCheck, type RegisterEntry } from '../domain/verifyRegister';
import { db } from './db';

/**
 * "Vérifier le registre": the seals received from the server, in chain order, against the
 * séances as this device holds them, with every signature of those séances and every seal
 * checked with the public keys the server published (decision 005). Names the first séance,
 * signature or seal that fails, and lists the others.
 */
export async function verifyLocalRegister(): Promise<RegisterCheck> {
  const d = db();
  const tables = [d.seals, d.seances, d.members, d.attendance, d.deliberations, d.votes, d.conventions, d.signatures, d.publicKeys];
  const { entries, missing } = await d.transaction('r', tables, async () => {
    const keys = await d.publicKeys.toArray();
    const entries: RegisterEntry[] = [];
    const missing: { index: number; seanceId: string }[] = [];
    for (const seal of await d.seals.orderBy('index').toArray()) {
      const seance = await d.seances.get(seal.seanceId as never);
      if (!seance) {
        missing.push({ index: seal.index, seanceId: seal.seanceId });
        continue;
      }
      const deliberations = await d.deliberations.where('seanceId').equals(seance.id).toArray();
      entries.push({
        organisation: { id: seance.organisationId },
        members: await d.members.where('organisationId').equals(seance.organisationId).toArray(),
        seance,
        attendance: await d.attendance.where('seanceId').equals(seance.id).toArray(),
        deliberations,
        votes: (await d.votes.bulkGet(deliberations.map((x) => x.id))).filter((v) => !!v),
        conventions: await d.conventions.where('seanceId').equals(seance.id).toArray(),
        signatures: await d.signatures.where('seanceId').equals(seance.id).toArray(),
        seal,
        keys: keys.filter((k) => k.organisationId === seance.organisationId),
      });
    }
    return { entries, missing };
  });
  // Hashing and signature checks run outside the IndexedDB transaction, which would not wait for them.
  const result = await verifyRegister(entries);
  if (missing.length === 0) return result;
  const problems = [
    ...missing.map(({ index, seanceId }) => ({ index, seanceId, message: missingSeanceProblem(index) })),
    ...(result.ok ? [] : result.problems),
  ];
  return { ok: false, message: problems[0]!.message, problems, seanceId: missing[0]!.seanceId, index: missing[0]!.index };
}
