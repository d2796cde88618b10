import type { Deliberation } from '../domain/schemas';
import { db } from './db';

/** The items of a séance's agenda, in order. */
export async function itemsOf(seanceId: string): Promise<Deliberation[]> {
  return db().deliberations.where('[seanceId+orderNumber]').between([seanceId, 0], [seanceId, 1000]).toArray();
}
