import { roles, type Role } from '../../domain/roles';
import { roleLabel } from './roleLabel';

/** The roles an account may have, as a select (props from Field: id, aria-*). */
export function RoleSelect({ value, onChange, ...field }: { value: Role; onChange: (role: Role) => void; id: string }) {
  return (
    <select {...field} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {roleLabel(r)}
        </option>
      ))}
    </select>
  );
}
