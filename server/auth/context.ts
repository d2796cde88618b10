export const roles = ['administrateur', 'secretaire', 'president', 'lecture'] as const;
export type Role = (typeof roles)[number];

/** Who is asking, for which organisation: checked on every request. */
export interface AuthContext {
  userId: string;
  organisationId: string;
  role: Role;
}
