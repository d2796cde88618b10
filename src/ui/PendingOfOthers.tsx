import { useQuery } from '@tanstack/react-query';
import { queries } from '../store/queries';
import { pendingOfOtherText } from './pendingText';

/**
 * Changes that wait on this device for another user (signed out, or replaced by a sign-in with no
 * network or an expired session): they are never sent under the signed-in user, and go when
 * their own user signs in here again. Shown on the home screen, the sync page and the sign-in.
 */
export function PendingOfOthers() {
  const others = useQuery(queries.pendingOfOthers());
  if (!others.data?.length) return null;
  return (
    <div className="notice warning" role="status" data-testid="pending-of-others">
      {others.data.map((p) => (
        <p key={p.userId}>{pendingOfOtherText(p)}</p>
      ))}
    </div>
  );
}
