import { queryOptions } from '@tanstack/react-query';
import { db } from '../../store/db';

export const signatureQueries = {
  ofSeance: (seanceId: string) =>
    queryOptions({ queryKey: ['signatures', seanceId], queryFn: () => db().signatures.where('seanceId').equals(seanceId).toArray() }),
  awaiting: () =>
    queryOptions({
      queryKey: ['seances', 'review'],
      queryFn: async () => (await db().seances.toArray()).filter((s) => ['closed', 'signed'].includes(s.status)).sort((a, b) => b.date.localeCompare(a.date)),
    }),
};
