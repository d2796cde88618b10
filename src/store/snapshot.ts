import * as z from 'zod';
import { BodySchema, MandateSchema, MemberSchema, OrganisationSchema, type Organisation } from '../domain/schemas';
import { db } from './db';
import { CURRENT_ORG } from './organisation';

export const SnapshotSchema = z.object({
  organisation: OrganisationSchema,
  bodies: z.array(BodySchema).max(100),
  members: z.array(MemberSchema).max(5000),
  mandates: z.array(MandateSchema).max(20000),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Stores an organisation's reference data received from the server, in one transaction. */
export async function importSnapshot(raw: unknown): Promise<Organisation> {
  const s = SnapshotSchema.parse(raw);
  const d = db();
  await d.transaction('rw', [d.organisations, d.bodies, d.members, d.mandates, d.meta], async () => {
    await d.organisations.put(s.organisation);
    await d.bodies.bulkPut(s.bodies);
    await d.members.bulkPut(s.members);
    await d.mandates.bulkPut(s.mandates);
    await d.meta.put({ key: CURRENT_ORG, value: s.organisation.id });
  });
  return s.organisation;
}
