import type { Member, MandateRole } from '../../domain/schemas';
import { t } from '../../i18n';

/** The role as written next to a person's name: "Présidente" for Mme, "Président" for M. */
export function roleOf(role: MandateRole, civility: Member['civility']): string {
  return t(`admin.role${civility === 'Mme' ? 'F' : 'M'}.${role}`);
}
