import { queryOptions } from '@tanstack/react-query';
import { loadBodyProxies } from '../../store/proxies';

/*
 * The key names every table the read uses: a change to any of them (a pouvoir recorded here or
 * pulled by the sync, a séance closed, a mandate ended) refreshes the screen (app/queryClient.ts).
 */
export const proxyQueries = {
  ofBody: (bodyId: string) =>
    queryOptions({
      queryKey: ['proxies', 'body', bodyId, 'bodies', 'seances', 'members', 'mandates'],
      queryFn: () => loadBodyProxies(bodyId),
    }),
};
