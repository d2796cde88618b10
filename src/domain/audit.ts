/*
 * The audit log of one record, as the server answers GET /api/audit?table=&id= (no zod here: the
 * client imports these types without pulling the validation code into its first load).
 */

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
