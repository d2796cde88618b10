import { correctionsOf } from '../../store/closing';
import { annexEntriesOf, annexesOf } from '../../store/deliberationCommands';
import { itemsOf } from '../../store/agenda';
import { liveRead } from '../../store/live';
import { votesOf } from '../../store/votes';

/*
 * Live reads of the deliberation screens (store/live.ts). The séance's context (items,
 * attendance, members…) comes from the shared queries.seanceContext.
 */
export const delibQueries = {
  votes: (seanceId: string) => liveRead(['votesOfSeance', seanceId], async () => votesOf(await itemsOf(seanceId))),
  annexes: (deliberationId: string) => liveRead(['annexes', deliberationId], () => annexesOf(deliberationId)),
  /** The annexes as every device knows them (records), with their bytes when they are here. */
  annexEntries: (deliberationId: string) => liveRead(['annexEntries', deliberationId], () => annexEntriesOf(deliberationId)),
  corrections: (seanceId: string) => liveRead(['corrections', seanceId], () => correctionsOf(seanceId)),
};
