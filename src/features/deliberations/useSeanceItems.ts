import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ItemCounts } from '../../domain/attendance';
import { registryNumberOf } from '../../domain/agenda';
import type { Deliberation, Member, Vote } from '../../domain/schemas';
import type { Result } from '../../domain/tally';
import { countsForItem, itemResult } from '../../domain/voteEntry';
import { queries } from '../../store/queries';
import type { SeanceContext } from '../../store/seanceContext';
import { displayDate, memberName } from '../../ui/format';
import { delibQueries } from './queries';

/** One agenda item with what the screens show about it, computed by the domain rules. */
export interface ItemView {
  item: Deliberation;
  counts: ItemCounts;
  vote: Vote | undefined;
  result: Result | undefined;
  number: { number: string; provisional: boolean } | undefined;
}

export interface SeanceView extends SeanceContext {
  /** "Bureau du 7 novembre 2011" */
  title: string;
  views: ItemView[];
  nameOf: (id: string | undefined) => string;
  memberById: Map<string, Member>;
}

/** The séance, its items with their counts, votes and results; pending until all are read. */
export function useSeanceItems(seanceId: string): { isPending: boolean; data: SeanceView | null } {
  const ctx = useQuery(queries.seanceContext(seanceId));
  const votes = useQuery(delibQueries.votes(seanceId));
  const data = useMemo(() => {
    if (!ctx.data || !votes.data) return null;
    const c = ctx.data;
    const memberById = new Map<string, Member>(c.allMembers.map((m) => [m.id, m]));
    const views = c.items.map((item) => {
      const vote = votes.data.get(item.id);
      return {
        item,
        counts: countsForItem(c, item),
        vote,
        result: itemResult(item.kind, vote, c.seance.presidentId),
        number: registryNumberOf(item, c.seance.date, undefined, c.numberOffset),
      };
    });
    const nameOf = (id: string | undefined) => {
      const m = id ? memberById.get(id) : undefined;
      return m ? memberName(m) : '';
    };
    return { ...c, title: `${c.body?.name ?? ''} du ${displayDate(c.seance.date)}`, views, nameOf, memberById };
  }, [ctx.data, votes.data]);
  return { isPending: ctx.isPending || votes.isPending, data };
}
