import { t } from '../../i18n';

/** An account's role as the screens name it (literal keys, for the catalog check). */
const ROLE_LABELS = {
  administrateur: 'accountRole.administrateur',
  secretaire: 'accountRole.secretaire',
  president: 'accountRole.president',
  lecture: 'accountRole.lecture',
} as const;

export function roleLabel(role: string): string {
  return role in ROLE_LABELS ? t(ROLE_LABELS[role as keyof typeof ROLE_LABELS]) : role;
}
