import { queryOptions } from '@tanstack/react-query';
import { getBody, getMember, listMandatesOfMember, listMandatesOfOrganisation } from '../../store/admin';
import { queries } from '../../store/queries';

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
  memberMandates: (memberId: string) =>
    queryOptions({ queryKey: ['mandates', 'member', memberId], queryFn: () => listMandatesOfMember(memberId) }),
};
