import type { SeanceId } from '../domain/ids';
import type { Seance } from '../domain/schemas';
import { db } from './db';

/*
 * Reads only. Commands live in seanceCommands.ts so that the validation code (zod) is loaded
 * with the screens that write, not with the first page.
 */

/** Séances of an organisation, most recent first. */
export async function listSeances(organisationId: string): Promise<Seance[]> {
  const rows = await db().seances.where('organisationId').equals(organisationId).toArray();
  return rows.sort((a, b) => (b.date + b.time).localeCompare(a.date + a.time));
}

export async function getSeance(id: SeanceId | string): Promise<Seance | undefined> {
  return db().seances.get(id as SeanceId);
}
