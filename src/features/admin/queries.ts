import { queryOptions } from '@tanstack/react-query';
import type { Organisation } from '../../domain/schemas';
import { getBody, getMember, listMandatesOfMember, listMandatesOfOrganisation } from '../../store/admin';
import { db } from '../../store/db';
import { logoImageOf } from '../../store/organisationLogo';
import { queries } from '../../store/queries';
import { fetchMissingLogo } from '../../sync/files';

/** The logo's bytes for the preview: from this device, else fetched once when online (null: not here). */
async function logoPreview(org: Organisation) {
  const here = await logoImageOf(org);
  if (here || !org.logo || !navigator.onLine) return here ?? null;
  // Chosen on another device: the preview shows it as the documents will print it.
  await fetchMissingLogo(db(), org).catch(() => undefined);
  return (await logoImageOf(org)) ?? null;
}

/*
 * Query options of the administration screens. Each key names every table its function reads:
 * a change to any of them (app/queryClient.ts) refreshes the screen.
 */
export const adminQueries = {
  organisation: queries.organisation,
  bodies: queries.bodies,
  members: queries.members,
  body: (id: string) => queryOptions({ queryKey: ['bodies', 'one', id], queryFn: async () => (await getBody(id)) ?? null }),
  member: (id: string) =>
    queryOptions({ queryKey: ['members', 'one', id], queryFn: async () => (await getMember(id)) ?? null }),
  /** All mandates in the organisation's bodies: reads bodies, then mandates. */
  organisationMandates: (organisationId: string) =>
    queryOptions({
      queryKey: ['mandates', 'organisation', organisationId, 'bodies'],
      queryFn: () => listMandatesOfOrganisation(organisationId),
    }),
  /** Reads organisations (the record) and annexes (the bytes, under the hash the key names). */
  logo: (org: Organisation) =>
    queryOptions({ queryKey: ['organisations', 'annexes', 'logo', org.logo?.sha256 ?? 'none'], queryFn: () => logoPreview(org) }),
  memberMandates: (memberId: string) =>
    queryOptions({ queryKey: ['mandates', 'member', memberId], queryFn: () => listMandatesOfMember(memberId) }),
};
