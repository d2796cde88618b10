import { liveRead } from '../../store/live';
import { loadBodyProxies } from '../../store/proxies';

/* A pouvoir recorded here or pulled by the sync, a séance closed, a mandate ended: the read follows them all (store/live.ts). */
export const proxyQueries = {
  ofBody: (bodyId: string) => liveRead(['proxiesOfBody', bodyId], () => loadBodyProxies(bodyId)),
};
