import type { Organisation } from '../../domain/schemas';
import { getBody, getMember, listMandatesOfMember, listMandatesOfOrganisation } from '../../store/admin';
import { liveRead } from '../../store/live';
import { logoImageOf } from '../../store/organisationLogo';
import { queries } from '../../store/queries';

/* Live reads of the administration screens (store/live.ts): each follows what it reads. */
export const adminQueries = {
  organisation: queries.organisation,
  bodies: queries.bodies,
  members: queries.members,
  body: (id: string) => liveRead(['body', id], async () => (await getBody(id)) ?? null),
  member: (id: string) => liveRead(['member', id], async () => (await getMember(id)) ?? null),
  /** All mandates in the organisation's bodies. */
  organisationMandates: (organisationId: string) => liveRead(['mandatesOfOrganisation', organisationId], () => listMandatesOfOrganisation(organisationId)),
  /**
   * The logo's bytes for the preview, when they are on this device (null: not here). Only read:
   * bytes chosen on another device are fetched by useMissingBytes, and this read sees them arrive.
   */
  logo: (org: Organisation) => liveRead(['logo', org.logo?.sha256 ?? 'none'], async () => (await logoImageOf(org)) ?? null),
  memberMandates: (memberId: string) => liveRead(['mandatesOfMember', memberId], () => listMandatesOfMember(memberId)),
};
