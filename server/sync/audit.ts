import { actionOfChange, type AuditEntry, type AuditStatus } from '../../src/domain/audit';
import type { CorrectionRecord, CorrectionRequest } from '../../src/domain/corrections';
import type { SealRecord, Signature } from '../../src/domain/schemas';
import { DELETED, isDeletion } from '../../src/domain/syncTables';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import type { AuthContext } from '../auth/context';
import { getRecord } from './records';

interface ResultRow {
  client_id: string;
  mutation_id: number;
  status: string;
  name: string | null;
  user_id: string | null;
  user_name: string | null;
  at: string | null;
  base_version: number | null;
}

const RESULT_COLUMNS = `p.client_id, r.mutation_id, r.status, r.name, p.user_id, u.name AS user_name, p.at, r.base_version`;

/** The mutations pushed on one record by this organisation's devices, in the order they applied. */
async function resultsOf(db: Driver, organisationId: string, tbl: string, ids: string[]): Promise<(ResultRow & { record_id: string })[]> {
  if (ids.length === 0) return [];
  return db.all(
    `SELECT ${RESULT_COLUMNS}, r.record_id FROM push_results r
       JOIN pushes p ON p.id = r.push_id
       JOIN clients c ON c.client_id = p.client_id
       LEFT JOIN users u ON u.id = p.user_id
     WHERE r.tbl = ? AND r.record_id IN (${ids.map(() => '?').join(', ')}) AND c.organisation_id = ?
     ORDER BY p.at, p.client_id, r.mutation_id`,
    [tbl, ...ids, organisationId],
  );
}

async function bodiesOf<T>(db: Driver, organisationId: string, tbl: string): Promise<T[]> {
  const rows = await db.all<{ body: string }>('SELECT body FROM records WHERE organisation_id = ? AND tbl = ?', [organisationId, tbl]);
  return rows.map((r) => JSON.parse(r.body) as T & { [DELETED]?: boolean }).filter((b) => !b[DELETED]);
}

/**
 * The history of one record: every mutation pushed on it (with who, from which device, when and
 * how it ended), its signatures, its seal, the corrections asked and made. Sorted by time.
 * A record of another organisation is answered as missing.
 */
export async function auditOf(db: Driver, auth: AuthContext, table: string, id: string): Promise<AuditEntry[]> {
  const record = await getRecord(db, table, id);
  if (!record || record.organisationId !== auth.organisationId) throw new ApiError(404, 'api.notFound');
  const org = auth.organisationId;
  const entries: AuditEntry[] = [];

  let created = false;
  for (const r of await resultsOf(db, org, table, [id])) {
    const name = r.name ?? '';
    const first = !created && !isDeletion(name) && r.status === 'applied' && Number(r.base_version) === 0;
    if (first) created = true;
    const action = actionOfChange({ name, table, baseVersion: Number(r.base_version) }, first);
    entries.push({ at: r.at ?? '', action, userName: r.user_name ?? '', clientId: r.client_id, status: r.status as AuditStatus });
  }

  // Signatures, correction requests and corrections name who pushed them through their own results.
  const pushedBy = async (tbl: string, ids: string[]) => {
    const map = new Map<string, { userName: string; clientId: string }>();
    for (const r of await resultsOf(db, org, tbl, ids)) {
      if (r.status === 'applied' && !map.has(r.record_id)) map.set(r.record_id, { userName: r.user_name ?? '', clientId: r.client_id });
    }
    return map;
  };

  const signatures = (await bodiesOf<Signature>(db, org, 'signatures')).filter((s) => s.subject?.id === id);
  const signers = await pushedBy('signatures', signatures.map((s) => s.id));
  for (const s of signatures) {
    const by = signers.get(s.id);
    entries.push({ at: s.signedAt, action: 'signed', userName: by?.userName ?? '', clientId: by?.clientId ?? null, status: 'applied' });
  }

  if (table === 'seances') {
    const seal = await getRecord(db, 'seals', id);
    if (seal && seal.organisationId === org) {
      entries.push({ at: (seal.body as SealRecord).sealedAt, action: 'sealed', userName: '', clientId: null, status: 'applied' });
    }
  }

  const requests = (await bodiesOf<CorrectionRequest>(db, org, 'correctionRequests')).filter((c) => c.subject?.id === id);
  const requesters = await pushedBy('correctionRequests', requests.map((c) => c.id));
  for (const c of requests) {
    const by = requesters.get(c.id);
    entries.push({ at: c.requestedAt, action: 'correctionRequested', userName: by?.userName || c.requestedBy, clientId: by?.clientId ?? null, status: 'applied' });
    if (c.status === 'done') {
      entries.push({ at: c.doneAt ?? c.updatedAt ?? '', action: 'correctionDone', userName: c.doneBy ?? '', clientId: null, status: 'applied' });
    }
  }

  if (table === 'deliberations') {
    const corrections = (await bodiesOf<CorrectionRecord>(db, org, 'corrections')).filter((c) => c.deliberationId === id);
    const authors = await pushedBy('corrections', corrections.map((c) => c.id));
    for (const c of corrections) {
      const by = authors.get(c.id);
      entries.push({ at: c.at, action: 'corrected', userName: by?.userName || c.author, clientId: by?.clientId ?? null, status: 'applied' });
    }
  }

  // A stable sort: entries of one push share its time and keep their mutation order.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
