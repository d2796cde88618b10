import { useEffect, useState } from 'react';
import type { ItemCounts } from '../../domain/attendance';
import type { Deliberation } from '../../domain/schemas';
import { t } from '../../i18n';
import { setWithdrawn } from '../../store/deliberationCommands';
import { errorMessage } from './errors';

interface Props {
  item: Deliberation;
  counts: ItemCounts;
  nameOf: (id: string) => string;
  /** Editable while the séance is open and the item not voted. */
  locked: boolean;
  voted: boolean;
}

/** Members leaving the room for this item because of a personal interest (CGCT L2131-11). */
export function WithdrawalPanel({ item, counts, nameOf, locked, voted }: Props) {
  const [error, setError] = useState('');
  // The box follows the click at once; the stored list (and the counts) follow the command.
  const [checked, setChecked] = useState<readonly string[]>(item.withdrawn);
  useEffect(() => setChecked(item.withdrawn), [item.withdrawn]);
  // Members in the room for the item: those taking part and those already withdrawn.
  const inRoom = [...counts.present, ...counts.withdrawn];
  const toggle = (memberId: string, on: boolean) => {
    const next = on ? [...checked, memberId] : checked.filter((id) => id !== memberId);
    setChecked(next);
    setWithdrawn(item.id, next).then(
      () => setError(''),
      (e: unknown) => {
        setChecked(item.withdrawn);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <details className="delib-withdrawal" open={item.withdrawn.length > 0}>
      <summary>
        {t('delib.withdrawal')}
        {item.withdrawn.length > 0 && ` (${item.withdrawn.length})`}
      </summary>
      <p className="hint">{t('delib.withdrawalHint')}</p>
      {voted && !locked && <p className="hint">{t('delib.withdrawalLocked')}</p>}
      <ul className="delib-checks">
        {inRoom.map((id) => (
          <li key={id}>
            <label>
              <input
                type="checkbox"
                checked={checked.includes(id)}
                disabled={locked || voted}
                onChange={(e) => toggle(id, e.target.checked)}
              />
              {t('delib.withdrawalOf', { name: nameOf(id) })}
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
