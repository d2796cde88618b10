import type { OutboxEntry } from '../../store/db';
import { argsOf, type LocalAudit } from '../../store/localAudit';
import { SyncError } from '../../sync/transport';
import { actionOfChange, type AuditAction, type AuditEntry, type AuditResponse } from '../../domain/audit';
export type { AuditAction, AuditEntry, AuditResponse } from '../../domain/audit';
export type { LocalAudit } from '../../store/localAudit';

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
