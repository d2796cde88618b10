import type { SealRecord, Signature } from '../domain/schemas';
import { db, type OutboxEntry } from './db';
import { clientIdKey, CURRENT_CLIENT_ID, knownUsers } from './deviceUsers';
import { localSession } from './session';

/*
 * What this device knows of a record's history (its outbox, the signatures and seal stored here),
 * merged with the server's by ui/audit/auditData.ts.
 */
/** What this device knows about a record, read from IndexedDB. */
export interface LocalAudit {
  clientId: string | undefined;
  /** Every client id of this device (one per user who synced here): all are "this device". */
  clientIds?: string[];
  userName: string | undefined;
  /** userId → name: a pending change is shown under the user who made it. */
  userNames?: Record<string, string>;
  pending: OutboxEntry[];
  signatures: Signature[];
  seal: SealRecord | undefined;
}

/** The signatures that sign this record: the procès-verbal for a séance, the act itself otherwise. */
const signs = (table: string, id: string) => (s: Pick<Signature, 'subject'>) =>
  s.subject.id === id && (table === 'seances' ? s.subject.kind === 'minutes' : table === 'deliberations' ? s.subject.kind === 'deliberation' : s.subject.kind === 'convention');

export const argsOf = (e: OutboxEntry) => (e.args ?? {}) as Record<string, unknown>;

export async function readLocalAudit(table: string, id: string): Promise<LocalAudit> {
  const d = db();
  const outbox = await d.outbox.orderBy('mutationId').toArray();
  // Correction requests on this record live in their own table: their outbox entries name the request.
  const requestIds = new Set((await d.correctionRequests.where('subject.id').equals(id).toArray()).map((r) => r.id));
  const pending = outbox.filter((e) => {
    if (e.table === table && e.recordId === id) return true;
    if (e.table === 'correctionRequests') return requestIds.has(e.recordId) || (argsOf(e).subject as { id?: string } | undefined)?.id === id;
    if (e.table === 'signatures') return signs(table, id)({ subject: (argsOf(e).subject ?? { kind: '', id: '' }) as Signature['subject'] });
    if (e.table === 'corrections') return table === 'deliberations' && argsOf(e).deliberationId === id;
    return false;
  });
  const session = await localSession(d);
  const clientId = (await d.meta.get(CURRENT_CLIENT_ID))?.value;
  const ids = await d.meta.where('key').startsWith(clientIdKey('')).toArray();
  const users = await knownUsers(d);
  return {
    clientId: typeof clientId === 'string' ? clientId : undefined,
    clientIds: ids.map((r) => r.value).filter((v): v is string => typeof v === 'string'),
    userName: session?.user.name,
    userNames: Object.fromEntries(Object.entries(users).map(([id, u]) => [id, u.name])),
    pending,
    signatures: (await d.signatures.where('subject.id').equals(id).toArray()).filter(signs(table, id)),
    seal: table === 'seances' ? await d.seals.get(id) : undefined,
  };
}

