import type { Organisation, Member, MandateRole } from '../../domain/schemas';
import { t } from '../../i18n';
import { genderOf } from '../../i18n/gender';

/** The role as written next to a person's name: "Présidente" for Mme, "Président" for M. */
export function roleOf(role: MandateRole, civility: Member['civility']): string {
  return t('admin.roleOf', { role, gender: genderOf(civility) });
}

/** "465 octets", "12 ko", "1,0 Mo" */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} Mo`;
}

/** "blason.png, 160 × 120 pixels, 465 octets" */
export function logoDescription(logo: NonNullable<Organisation['logo']>): string {
  const size = fileSize(logo.size);
  return logo.width && logo.height
    ? t('admin.logo.file', { name: logo.fileName, width: logo.width, height: logo.height, size })
    : `${logo.fileName}, ${size}`;
}
