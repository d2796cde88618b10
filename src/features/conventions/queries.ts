import { queryOptions } from '@tanstack/react-query';
import { conventionsOfDeliberation, listConventions, loadConvention } from '../../store/conventions';

/** Keys name every table read, so a change to any of them refreshes the screen. */
export const conventionQueries = {
  all: () => queryOptions({ queryKey: ['conventions', 'signatures', 'list'], queryFn: listConventions }),
  ofDeliberation: (deliberationId: string) =>
    queryOptions({ queryKey: ['conventions', 'signatures', 'of', deliberationId], queryFn: () => conventionsOfDeliberation(deliberationId) }),
  one: (id: string) =>
    queryOptions({
      queryKey: ['conventions', 'signatures', 'deliberations', 'seances', 'organisations', 'annexes', 'one', id],
      queryFn: () => loadConvention(id),
    }),
};
