import type { Body, Mandate, Member, Organisation } from '../../src/domain/schemas';

/** Everything a device needs to start on an organisation: the reference data. */
export interface OrganisationSnapshot {
  organisation: Organisation;
  bodies: Body[];
  members: Member[];
  mandates: Mandate[];
}

/**
 * The one door to server storage. Each adapter (SQLite now, PostgreSQL with sync) passes the
 * same test suite, so the HTTP layer never knows which database it talks to.
 */
export interface Storage {
  /** Creates the tables if needed; idempotent. */
  migrate(): Promise<void>;
  listOrganisations(): Promise<Organisation[]>;
  snapshot(organisationId: string): Promise<OrganisationSnapshot | undefined>;
  saveSnapshot(snapshot: OrganisationSnapshot): Promise<void>;
  close(): Promise<void>;
}
