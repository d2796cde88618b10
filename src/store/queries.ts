import { currentOrganisation, listBodies, listMembers, mandatesOfBody } from './organisation';
import { openConflicts, syncIssues } from './conflictCommands';
import { db } from './db';
import { pendingCount, pendingOfOtherUsers } from './outbox';
import { getSeance, listSeances } from './seances';
import { loadSeanceContext } from './seanceContext';
import { itemsOf } from './agenda';
import { liveRead } from './live';

/*
 * Reads shared by several screens. Each is a live read (store/live.ts): its key names the read and
 * its arguments, and the read is run again whenever anything it touched changes.
 */
export const queries = {
  organisation: () => liveRead(['organisation'], async () => (await currentOrganisation()) ?? null),
  bodies: (organisationId: string) => liveRead(['bodies', organisationId], () => listBodies(organisationId)),
  members: (organisationId: string) => liveRead(['members', organisationId], () => listMembers(organisationId)),
  mandates: (bodyId: string) => liveRead(['mandatesOfBody', bodyId], () => mandatesOfBody(bodyId)),
  seances: (organisationId: string) => liveRead(['seances', organisationId], () => listSeances(organisationId)),
  seance: (id: string) => liveRead(['seance', id], async () => (await getSeance(id)) ?? null),
  /** Items, roll-call, pouvoirs, votes, members and mandates of a séance, as its screens use them. */
  seanceContext: (id: string) => liveRead(['seanceContext', id], () => loadSeanceContext(id)),
  /** Sync facts kept on the device: session, last sync time. */
  meta: (key: string) => liveRead(['meta', key], async () => (await db().meta.get(key))?.value ?? null),
  conflicts: () => liveRead(['conflicts'], openConflicts),
  syncIssues: () => liveRead(['syncIssues'], syncIssues),
  items: (seanceId: string) => liveRead(['items', seanceId], () => itemsOf(seanceId)),
  /** The signed-in user's unsent changes (the session decides whose they are). */
  pendingCount: () => liveRead(['pendingCount'], pendingCount),
  pendingOfOthers: () => liveRead(['pendingOfOthers'], pendingOfOtherUsers),
};
