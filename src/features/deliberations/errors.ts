import { t, tCode } from '../../i18n';
import { CommandRefused } from '../../store/deliberationCommands';
import { ValidationError } from '../../store/errors';

/** The French message of a refused command (with its values), or of an unexpected error. */
export function errorMessage(e: unknown): string {
  if (e instanceof CommandRefused) return tCode(e.formError ?? e.message, e.params);
  if (e instanceof ValidationError) return tCode(e.formError ?? e.message);
  return t('error.unknown', { reason: e instanceof Error ? e.message : String(e) });
}
