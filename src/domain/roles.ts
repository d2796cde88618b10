/** The roles of an account in its organisation (server/auth and the commands' checks). */
export const roles = ['administrateur', 'secretaire', 'president', 'lecture'] as const;
export type Role = (typeof roles)[number];

/**
 * Who runs a command: the signed-in account, its role, and the member of the organisation it
 * is linked to by the administrator (a signature's signer is that member, docs/decisions/004).
 */
export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  memberId?: string | undefined;
}
