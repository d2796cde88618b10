import type { Organisation } from '../domain/schemas';
import { db } from './db';

export const CURRENT_ORG = 'currentOrganisationId';

export async function currentOrganisation(): Promise<Organisation | undefined> {
  const row = await db().meta.get(CURRENT_ORG);
  return typeof row?.value === 'string' ? db().organisations.get(row.value as Organisation['id']) : undefined;
}

export async function listBodies(organisationId: string) {
  return db().bodies.where('organisationId').equals(organisationId).sortBy('name');
}

export async function listMembers(organisationId: string) {
  return db().members.where('organisationId').equals(organisationId).sortBy('lastName');
}

export async function mandatesOfBody(bodyId: string) {
  return db().mandates.where('bodyId').equals(bodyId).toArray();
}
