import type { Role } from '../../src/domain/roles';
export { roles, type Role } from '../../src/domain/roles';

/** Who is asking, for which organisation: checked on every request. */
export interface AuthContext {
  userId: string;
  organisationId: string;
  role: Role;
  /** The member the account is linked to by the administrator: who it signs as. */
  memberId?: string | undefined;
}
