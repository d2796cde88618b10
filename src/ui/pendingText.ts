import { t } from '../i18n';
import type { PendingOfUser } from '../store/outbox';

/** « de Sam Secrétaire », « d’Alice Administratrice »: the elision before a vowel or a mute h. */
export const ofName = (name: string): string => (/^[aeiouyhàâäéèêëîïôöùûüÿæœ]/i.test(name.trim()) ? `d’${name}` : `de ${name}`);

/** What waits on this device for another user than the signed-in one, in a sentence. */
export function pendingOfOtherText(p: Pick<PendingOfUser, 'count' | 'name'>): string {
  const many = p.count > 1;
  if (!p.name) return t(many ? 'pending.unknownUser.many' : 'pending.unknownUser.one', { count: p.count });
  return t(many ? 'pending.otherUser.many' : 'pending.otherUser.one', { count: p.count, of: ofName(p.name), name: p.name });
}

/** The signed-in user's own unsent changes, said before they sign out. */
export function ownPendingText(count: number): string {
  return t(count > 1 ? 'signOut.pending.many' : 'signOut.pending.one', { count });
}
