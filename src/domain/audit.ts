/*
 * The audit log of one record, as the server answers GET /api/audit?table=&id= (no zod here: the
 * client imports these types without pulling the validation code into its first load).
 */

import { isDeletion } from './syncTables';

export const auditActions = ['created', 'edited', 'deleted', 'signed', 'sealed', 'correctionRequested', 'correctionDone', 'corrected'] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditStatuses = ['applied', 'conflict', 'rejected', 'skipped'] as const;
export type AuditStatus = (typeof auditStatuses)[number];

export interface AuditEntry {
  /** ISO date and time: the server's clock for pushed mutations; the act's own date for a signature, seal or correction. */
  at: string;
  action: AuditAction;
  /** The account that pushed it; '' for what the server did itself (the seal). */
  userName: string;
  /** The device that pushed it; null when not known (made by the server, or older history). */
  clientId: string | null;
  status: AuditStatus;
}

export interface AuditResponse {
  entries: AuditEntry[];
}

/**
 * The action one change is in a record's log: the same rule on the server (its log of pushed
 * changes, server/sync/audit.ts) and on the device (its changes not pushed yet), so that a
 * pending line keeps its word once synced. `first`: the change that brought the record into
 * existence (the server: the first applied one from version 0; the device: one from version 0).
 * Signatures, corrections and correction requests are records of their own, shown in the log of
 * the record they concern.
 */
export function actionOfChange(c: { name: string; table: string; baseVersion: number }, first: boolean): AuditAction {
  if (c.table === 'signatures') return 'signed';
  if (c.table === 'corrections') return 'corrected';
  if (c.table === 'correctionRequests') return c.baseVersion === 0 ? 'correctionRequested' : 'correctionDone';
  if (isDeletion(c.name)) return 'deleted';
  return first ? 'created' : 'edited';
}
