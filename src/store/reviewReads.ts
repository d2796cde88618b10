import { db } from './db';
import { liveRead } from './live';
import { exportSeanceFile } from './seanceFile';
import { currentContentHash } from './signatureCommands';

/* Reads of the review and signature screens. */

export const signaturesOfSeance = (seanceId: string) => db().signatures.where('seanceId').equals(seanceId).toArray();

/**
 * The hash each act of the séance has now (its procès-verbal, each deliberation's extract): a
 * signature holding another one covers content that has changed since, and no longer counts.
 */
export async function currentHashes(seanceId: string): Promise<Map<string, string | null>> {
  const hashes = new Map<string, string | null>([[seanceId, await currentContentHash({ kind: 'minutes', id: seanceId })]]);
  for (const d of await db().deliberations.where('seanceId').equals(seanceId).toArray()) {
    hashes.set(d.id, await currentContentHash({ kind: 'deliberation', id: d.id }));
  }
  return hashes;
}

/** Closed and signed séances, the latest first: those a president reviews. */
export async function seancesToReview() {
  return (await db().seances.toArray()).filter((s) => ['closed', 'signed'].includes(s.status)).sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * The séance file the review screen shows and the PDFs are made from (store/seanceFile.ts), as a
 * live read: a change to anything it carries (a convention, a signature, a vote…) shows at once.
 */
export const seanceFileRead = (seanceId: string) => liveRead(['seanceFile', seanceId], () => exportSeanceFile(seanceId));
