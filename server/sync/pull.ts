import type { PullResponse, PulledRecord } from '../../src/domain/sync';
import type { Driver } from '../db/driver';
import type { AuthContext } from '../auth/context';
import { recordsSince } from './records';

export const PULL_PAGE_MAX = 2000;

/** One page of the organisation's changes after `cursor`, in server sequence order. */
export async function pull(db: Driver, auth: AuthContext, clientId: string, cursor: number, limit: number): Promise<PullResponse> {
  const size = Math.max(1, Math.min(limit, PULL_PAGE_MAX));
  const rows = await recordsSince(db, auth.organisationId, cursor, size + 1);
  const page = rows.slice(0, size);
  const client = await db.get<{ last_mutation_id: number; organisation_id: string }>(
    'SELECT last_mutation_id, organisation_id FROM clients WHERE client_id = ?',
    [clientId],
  );
  const records: PulledRecord[] = page.map((r) => ({
    table: r.tbl as PulledRecord['table'],
    id: r.id,
    version: r.version,
    seq: r.seq,
    body: r.body,
  }));
  return {
    records,
    cursor: page.at(-1)?.seq ?? cursor,
    more: rows.length > size,
    lastMutationId: client && client.organisation_id === auth.organisationId ? Number(client.last_mutation_id) : 0,
  };
}
