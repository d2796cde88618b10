import { liveRead } from '../../store/live';
import { currentHashes, seanceFileRead, seancesToReview, signaturesOfSeance } from '../../store/reviewReads';

/** Live reads of the review screens (store/live.ts): each follows what it reads. */
export const signatureQueries = {
  ofSeance: (seanceId: string) => liveRead(['signaturesOfSeance', seanceId], () => signaturesOfSeance(seanceId)),
  currentHashes: (seanceId: string) => liveRead(['currentHashes', seanceId], () => currentHashes(seanceId)),
  awaiting: () => liveRead(['seancesToReview'], seancesToReview),
  /** Everything the printed documents need (the same file the PDFs are made from). */
  seanceFile: seanceFileRead,
};
