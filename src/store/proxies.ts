import type { BodyId } from '../domain/ids';
import type { Body, Mandate, Member, Proxy, Seance } from '../domain/schemas';
import { db } from './db';

/** Reads of the pouvoirs screen. Commands are in proxyCommands.ts. */

export interface BodyProxies {
  body: Body;
  proxies: Proxy[];
  seances: Seance[];
  members: Member[];
  mandates: Mandate[];
}

/**
 * A body's pouvoirs with what it takes to show and check them: its séances, the organisation's
 * members and the body's mandates, read in one transaction so the list and the form agree.
 */
export async function loadBodyProxies(bodyId: string): Promise<BodyProxies | null> {
  const d = db();
  return d.transaction('r', [d.bodies, d.proxies, d.seances, d.members, d.mandates], async () => {
    const body = await d.bodies.get(bodyId as BodyId);
    if (!body) return null;
    const [proxies, seances, members, mandates] = await Promise.all([
      d.proxies.where('bodyId').equals(bodyId).toArray(),
      d.seances.where('bodyId').equals(bodyId).toArray(),
      d.members.where('organisationId').equals(body.organisationId).toArray(),
      d.mandates.where('bodyId').equals(bodyId).toArray(),
    ]);
    return { body, proxies, seances, members, mandates };
  });
}
