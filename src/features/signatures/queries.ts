import { queryOptions } from '@tanstack/react-query';
import { db } from '../../store/db';
import { exportSeanceFile } from '../../store/seanceFile';

export const signatureQueries = {
  ofSeance: (seanceId: string) =>
    queryOptions({ queryKey: ['signatures', seanceId], queryFn: () => db().signatures.where('seanceId').equals(seanceId).toArray() }),
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
