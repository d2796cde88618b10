import type { OutboxEntry } from '../../store/db';
import { db } from '../../store/db';
import { SyncError } from '../../sync/transport';
import { localSession } from '../../sync/session';
import { clientIdKey, CURRENT_CLIENT_ID, knownUsers } from '../../store/deviceUsers';
import type { SealRecord, Signature } from '../../domain/schemas';
import { actionOfChange, type AuditAction, type AuditEntry, type AuditResponse } from '../../domain/audit';
export type { AuditAction, AuditEntry, AuditResponse } from '../../domain/audit';

/*
 * The audit log of one record (issue #6): the server's history, merged with what only this
 * device knows yet (its outbox), and — when the server's history cannot be had (offline, no
 * cache) — the signatures and seal stored here, so "signed" and "sealed" show offline too.
 *
 * The server's shape (GET /api/audit?table=&id=) is src/domain/audit.ts, shared with the server.
 */
/** A line of the log as shown. */
export interface AuditLine {
  key: string;
  at: string;
  action: AuditAction;
  userName: string;
  /** 'this' (this device), 'server', or a short device id. */
  device: { kind: 'this' } | { kind: 'server' } | { kind: 'other'; id: string };
  pending: boolean;
  status?: string;
}

/** Fetches the server's history of a record (same-origin, with the session cookie). */
export async function fetchAudit(table: string, id: string, fetchImpl: typeof fetch = fetch): Promise<AuditResponse> {
  const q = new URLSearchParams({ table, id });
  const res = await fetchImpl(`/api/audit?${q}`, { credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as Partial<AuditResponse> & { error?: { code: string; message: string } };
  if (!res.ok) throw new SyncError(res.status, body.error?.code ?? 'api.badRequest', body.error?.message ?? `HTTP ${res.status}`);
  return { entries: Array.isArray(body.entries) ? body.entries : [] };
}

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

const argsOf = (e: OutboxEntry) => (e.args ?? {}) as Record<string, unknown>;

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

/** The action a pending mutation will be in the server's log (domain/audit.ts). */
export function actionOfMutation(e: Pick<OutboxEntry, 'name' | 'table' | 'baseVersion'>): AuditAction {
  return actionOfChange(e, e.baseVersion === 0);
}

const shortId = (id: string) => id.replace(/-/g, '').slice(0, 8);

/**
 * One chronological list: the server's entries when it could be read, else what is stored here
 * (signatures, seal); then this device's pending changes, marked as such.
 */
export function mergeAudit(server: AuditEntry[] | undefined, local: LocalAudit): AuditLine[] {
  const device = (clientId: string | null): AuditLine['device'] =>
    !clientId
      ? { kind: 'server' }
      : clientId === local.clientId || local.clientIds?.includes(clientId)
        ? { kind: 'this' }
        : { kind: 'other', id: shortId(clientId) };
  const lines: AuditLine[] = [];
  if (server) {
    server.forEach((e, i) =>
      lines.push({ key: `s${i}`, at: e.at, action: e.action, userName: e.userName, device: device(e.clientId), pending: false, status: e.status }),
    );
  } else {
    const pendingSignatures = new Set(local.pending.filter((e) => e.table === 'signatures').map((e) => e.recordId));
    for (const s of local.signatures) {
      if (pendingSignatures.has(s.id)) continue;
      lines.push({ key: `g${s.id}`, at: s.signedAt, action: 'signed', userName: s.signerName, device: { kind: 'other', id: shortId(s.deviceKeyId) }, pending: false });
    }
    if (local.seal) lines.push({ key: 'seal', at: local.seal.sealedAt, action: 'sealed', userName: '', device: { kind: 'server' }, pending: false });
  }
  for (const e of local.pending) {
    const args = argsOf(e);
    const author = (e.userId && local.userNames?.[e.userId]) || local.userName || '';
    const userName = e.table === 'signatures' && typeof args.signerName === 'string' ? args.signerName : author;
    lines.push({ key: `p${e.mutationId}`, at: e.createdAt, action: actionOfMutation(e), userName, device: { kind: 'this' }, pending: true });
  }
  return lines.sort((a, b) => a.at.localeCompare(b.at));
}
