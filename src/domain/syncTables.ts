/*
 * The names of the synced tables and of mutation kinds, without the schemas: the client's sync
 * loop needs only these, and must not pull the validation code (zod) into the first load.
 * domain/sync.ts checks that this list matches its table definitions.
 */
export const syncedTableNames = ['organisations', 'bodies', 'members', 'mandates', 'seances', 'attendance', 'proxies', 'deliberations', 'votes', 'conventions', 'conflicts', 'signatures', 'seals', 'corrections', 'correctionRequests', 'attachments', 'publicKeys'] as const;

/** Mutation names are `<record kind>.<command>`; the kind names the synced table. */
const TABLE_OF_KIND: Record<string, string> = {
  organisation: 'organisations',
  body: 'bodies',
  member: 'members',
  mandate: 'mandates',
  seance: 'seances',
  attendance: 'attendance',
  proxy: 'proxies',
  deliberation: 'deliberations',
  vote: 'votes',
  convention: 'conventions',
  conflict: 'conflicts',
  signature: 'signatures',
  correction: 'corrections',
  correctionRequest: 'correctionRequests',
  attachment: 'attachments',
};
export function tableOfMutation(name: string): string {
  return TABLE_OF_KIND[name.split('.')[0] ?? ''] ?? name.split('.')[0] ?? name;
}

/** Mutations that remove their record (the server keeps a tombstone so every device removes it). */
export function isDeletion(name: string): boolean {
  return name.endsWith('.delete') || name === 'vote.cancel';
}

/** The mark a deleted record carries in a pull. */
export const DELETED = '_deleted';
