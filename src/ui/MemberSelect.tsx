import type { ChangeEvent } from 'react';
import type { Member } from '../domain/schemas';
import { memberName } from './format';

interface Props {
  id: string;
  members: Member[];
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  /** The first option, for "nobody" ("— Non désigné —", "Sans rapporteur"…). */
  emptyLabel: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A member of the organisation, or nobody: the one member picker of every form. */
export function MemberSelect({ members, emptyLabel, ...rest }: Props) {
  return (
    <select {...rest}>
      <option value="">{emptyLabel}</option>
      {members.map((m) => (
        <option key={m.id} value={m.id}>
          {memberName(m)}
        </option>
      ))}
    </select>
  );
}
