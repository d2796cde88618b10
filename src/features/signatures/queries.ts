import { queryOptions } from '@tanstack/react-query';
import { db } from '../../store/db';
import { exportSeanceFile } from '../../store/seanceFile';
import { currentContentHash } from '../../store/signatureCommands';

export const signatureQueries = {
  ofSeance: (seanceId: string) =>
    queryOptions({ queryKey: ['signatures', seanceId], queryFn: () => db().signatures.where('seanceId').equals(seanceId).toArray() }),
  /**
   * The hash each act of the séance has now (its procès-verbal, each deliberation's extract): a
   * signature holding another one covers content that has changed since, and no longer counts.
   */
  currentHashes: (seanceId: string) =>
    queryOptions({
      queryKey: ['seances', 'hashes', seanceId, 'attendance', 'deliberations', 'votes'],
      queryFn: async () => {
        const hashes = new Map<string, string | null>([[seanceId, await currentContentHash({ kind: 'minutes', id: seanceId })]]);
        for (const d of await db().deliberations.where('seanceId').equals(seanceId).toArray()) {
          hashes.set(d.id, await currentContentHash({ kind: 'deliberation', id: d.id }));
        }
        return hashes;
      },
    }),
  awaiting: () =>
    queryOptions({
      queryKey: ['seances', 'review'],
      queryFn: async () => (await db().seances.toArray()).filter((s) => ['closed', 'signed'].includes(s.status)).sort((a, b) => b.date.localeCompare(a.date)),
    }),
  /** Everything the printed documents need (the same file the PDFs are made from); keyed by every table it reads. */
  seanceFile: (seanceId: string) =>
    queryOptions({
      queryKey: ['seances', 'file', seanceId, 'organisations', 'bodies', 'members', 'mandates', 'attendance', 'proxies', 'deliberations', 'votes', 'signatures'],
      queryFn: () => exportSeanceFile(seanceId),
    }),
};
