import { queryOptions } from '@tanstack/react-query';
import { currentOrganisation, listBodies, listMembers, mandatesOfBody } from './organisation';
import { openConflicts, syncIssues } from './conflictCommands';
import { db } from './db';
import { pendingCount, pendingOfOtherUsers } from './outbox';
import { getSeance, listSeances } from './seances';
import { loadSeanceContext } from './seanceContext';
import { itemsOf } from './agenda';

/*
 * Query-option factories: the only place query keys are made. Each key starts with the
 * IndexedDB table it reads, so a change to that table invalidates it (app/queryClient.ts).
 */
export const queries = {
  organisation: () =>
    queryOptions({ queryKey: ['organisations', 'current'], queryFn: async () => (await currentOrganisation()) ?? null }),
  bodies: (organisationId: string) =>
    queryOptions({ queryKey: ['bodies', organisationId], queryFn: () => listBodies(organisationId) }),
  members: (organisationId: string) =>
    queryOptions({ queryKey: ['members', organisationId], queryFn: () => listMembers(organisationId) }),
  mandates: (bodyId: string) => queryOptions({ queryKey: ['mandates', bodyId], queryFn: () => mandatesOfBody(bodyId) }),
  seances: (organisationId: string) =>
    queryOptions({ queryKey: ['seances', 'list', organisationId], queryFn: () => listSeances(organisationId) }),
  seance: (id: string) =>
    queryOptions({ queryKey: ['seances', 'one', id], queryFn: async () => (await getSeance(id)) ?? null }),
  /** Keyed by every table it reads, so a change to any of them refreshes it. */
  seanceContext: (id: string) =>
    queryOptions({
      queryKey: ['seances', 'context', id, 'attendance', 'proxies', 'deliberations', 'votes', 'members', 'mandates'],
      queryFn: () => loadSeanceContext(id),
    }),
  /** Sync facts kept on the device: session, last sync time. */
  meta: (key: string) => queryOptions({ queryKey: ['meta', key], queryFn: async () => (await db().meta.get(key))?.value ?? null }),
  conflicts: () => queryOptions({ queryKey: ['conflicts', 'meta', 'open'], queryFn: openConflicts }),
  syncIssues: () => queryOptions({ queryKey: ['syncIssues'], queryFn: syncIssues }),
  items: (seanceId: string) => queryOptions({ queryKey: ['deliberations', seanceId], queryFn: () => itemsOf(seanceId) }),
  /** The signed-in user's unsent changes: keyed by meta too, since the session decides whose they are. */
  pendingCount: () => queryOptions({ queryKey: ['outbox', 'meta', 'count'], queryFn: pendingCount }),
  pendingOfOthers: () => queryOptions({ queryKey: ['outbox', 'meta', 'others'], queryFn: pendingOfOtherUsers }),
};
