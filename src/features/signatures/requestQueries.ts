import { queryOptions } from '@tanstack/react-query';
import { db } from '../../store/db';

/*
 * Reads of the requests for correction, without the validating commands (zod): the secretary's
 * screens list them; the commands are loaded when a request is made or marked done.
 */
export const requestQueries = {
  ofSeance: (seanceId: string) =>
    queryOptions({
      queryKey: ['correctionRequests', 'seance', seanceId],
      queryFn: () => db().correctionRequests.where('seanceId').equals(seanceId).sortBy('requestedAt'),
    }),
  on: (subjectId: string) =>
    queryOptions({
      queryKey: ['correctionRequests', 'on', subjectId],
      queryFn: () => db().correctionRequests.where('subject.id').equals(subjectId).sortBy('requestedAt'),
    }),
};
