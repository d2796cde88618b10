import type { Role } from './roles';

/** An account as the administrator's screens see it (GET /api/admin/users, server/accounts.ts). */
export interface AdminUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  memberId: string | null;
  active: boolean;
  lastSignInAt: string | null;
}
