import { db } from './db';
import { liveRead } from './live';

/*
 * Live reads of the requests for correction, without the validating commands (zod): the secretary's
 * screens list them; the commands are loaded when a request is made or marked done.
 */
export const requestQueries = {
  ofSeance: (seanceId: string) =>
    liveRead(['correctionRequestsOfSeance', seanceId], () => db().correctionRequests.where('seanceId').equals(seanceId).sortBy('requestedAt')),
  on: (subjectId: string) =>
    liveRead(['correctionRequestsOn', subjectId], () => db().correctionRequests.where('subject.id').equals(subjectId).sortBy('requestedAt')),
};
