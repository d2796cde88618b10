import type { Seance } from '../domain/schemas';
import { ValidationError } from './errors';
import { isClosed } from '../domain/status';

/** Once closed, a séance changes only through recorded corrections (CGCT R2121-9 register). */
export function assertSeanceOpen(seance: Seance | undefined): asserts seance is Seance {
  if (!seance) throw new ValidationError({}, 'seance.notFound');
  if (isClosed(seance.status)) throw new ValidationError({}, 'seance.readOnly');
}
