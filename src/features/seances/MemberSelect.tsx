import type { ChangeEvent } from 'react';
import type { Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { memberName } from '../../ui/format';

interface Props {
  id: string;
  members: Member[];
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A member of the organisation, or nobody yet ("— Non désigné —"). */
export function MemberSelect({ members, ...rest }: Props) {
  return (
    <select {...rest}>
      <option value="">{t('seance.none')}</option>
      {members.map((m) => (
        <option key={m.id} value={m.id}>
          {memberName(m)}
        </option>
      ))}
    </select>
  );
}
