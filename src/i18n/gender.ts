import type { Member } from '../domain/schemas';

/**
 * The `gender` of a `{gender, select, female {…} male {…} other {…}}` message, from a member's
 * civility; `other` (the inclusive « Élu(e) ») when the member is not known.
 */
export const genderOf = (civility: Member['civility'] | undefined): 'female' | 'male' | 'other' =>
  civility === 'Mme' ? 'female' : civility === 'M.' ? 'male' : 'other';
