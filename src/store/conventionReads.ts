import { conventionsOfDeliberation, listConventions, loadConvention } from './conventions';
import { liveRead } from './live';

/** Live reads of the conventions (store/live.ts), shared by the conventions and review screens. */
export const conventionQueries = {
  all: () => liveRead(['conventions'], listConventions),
  ofDeliberation: (deliberationId: string) => liveRead(['conventionsOf', deliberationId], () => conventionsOfDeliberation(deliberationId)),
  one: (id: string) => liveRead(['convention', id], () => loadConvention(id)),
};
