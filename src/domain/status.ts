import type { SeanceStatus } from './schemas';

/*
 * What a séance's status allows, in one place for the device and the server
 * (docs/architecture.md §5, docs/glossary.md):
 * draft → convened → in_progress → closed → signed (sealed) → published.
 */

const SEALED: ReadonlySet<string> = new Set<SeanceStatus>(['signed', 'published']);
const CLOSED: ReadonlySet<string> = new Set<SeanceStatus>(['closed', 'signed', 'published']);
const EDITABLE: ReadonlySet<string> = new Set<SeanceStatus>(['draft', 'convened', 'in_progress']);

/**
 * Sealed: signed by whoever must sign it and sealed by the server; nothing in it changes ever
 * again, a mistake is a rectifying deliberation at a later séance. Takes `unknown` because the
 * server asks it of stored bodies and deletion placeholders alike.
 */
export function isSealed(status: unknown): boolean {
  return typeof status === 'string' && SEALED.has(status);
}

/** A closed, signed or published séance is read-only; a change is a recorded correction. */
export function isClosed(status: unknown): boolean {
  return typeof status === 'string' && CLOSED.has(status);
}

/** Items may be added and drafted until the séance is closed; after that only a correction. */
export function canEdit(status: SeanceStatus): boolean {
  return EDITABLE.has(status);
}

/** Votes are taken during the séance only. */
export function canVote(status: SeanceStatus): boolean {
  return status === 'in_progress';
}
