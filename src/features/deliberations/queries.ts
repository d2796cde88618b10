import { queryOptions } from '@tanstack/react-query';
import { correctionsOf } from '../../store/closing';
import { annexEntriesOf, annexesOf } from '../../store/deliberationCommands';
import { itemsOf } from '../../store/agenda';
import { votesOf } from '../../store/votes';

/*
 * Query options of the deliberation screens. Each key names every IndexedDB table its query
 * reads, so a write to any of them refreshes it (app/queryClient.ts). The séance's context
 * (items, attendance, members…) comes from the shared queries.seanceContext.
 */
export const delibQueries = {
  votes: (seanceId: string) =>
    queryOptions({
      queryKey: ['votes', 'bySeance', seanceId, 'deliberations'],
      queryFn: async () => votesOf(await itemsOf(seanceId)),
    }),
  annexes: (deliberationId: string) =>
    queryOptions({ queryKey: ['annexes', deliberationId], queryFn: () => annexesOf(deliberationId) }),
  /** The annexes as every device knows them (records), with their bytes when they are here. */
  annexEntries: (deliberationId: string) =>
    queryOptions({ queryKey: ['annexes', 'attachments', deliberationId], queryFn: () => annexEntriesOf(deliberationId) }),
  corrections: (seanceId: string) =>
    queryOptions({ queryKey: ['corrections', seanceId], queryFn: () => correctionsOf(seanceId) }),
};
