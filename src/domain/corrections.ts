import * as z from 'zod';
import { UUID_RE } from './ids';

/*
 * A correction of a deliberation after its séance was closed. The register must show that the
 * text changed, who changed it, when and why (docs/architecture.md §3, R2121-9): a correction is a record of
 * its own, kept beside the corrected deliberation, never a silent edit.
 *
 * Ready to be a synced table (domain/sync.ts `syncedTables`): it carries its organisation and
 * a version like the other records.
 */

/** The parts of a deliberation a correction may change. Votes are not corrected after closing. */
export const correctableFields = ['object', 'actesSubject', 'rapporteurId', 'preamble', 'visas', 'recitals', 'articles'] as const;
export type CorrectableField = (typeof correctableFields)[number];

const uuid = z.string().regex(UUID_RE, 'error.id');

export const CorrectionSchema = z.object({
  id: uuid,
  organisationId: uuid,
  seanceId: uuid,
  deliberationId: uuid,
  field: z.enum(correctableFields),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().trim().min(1, 'error.required').max(2000, 'error.tooLong'),
  author: z.string().trim().min(1, 'error.required').max(200, 'error.tooLong'),
  /** ISO date and time of the correction (the device clock: the server adds its own sequence). */
  at: z.string().max(40),
  version: z.number().int().min(0).default(0),
  updatedAt: z.string().max(40).default(''),
});
export type CorrectionRecord = z.infer<typeof CorrectionSchema>;

/**
 * The president's request, from the review, that the secretary correct an item before signing:
 * a comment on the procès-verbal, a deliberation or a convention, shown to the secretary on that
 * item until it is marked done. It changes nothing by itself.
 */
export const correctionSubjects = ['minutes', 'deliberation', 'convention'] as const;
export const CorrectionRequestSchema = z.object({
  id: uuid,
  organisationId: uuid,
  seanceId: uuid,
  subject: z.object({ kind: z.enum(correctionSubjects), id: uuid }),
  comment: z.string().trim().min(1, 'error.required').max(2000, 'error.tooLong'),
  requestedBy: z.string().trim().min(1, 'error.required').max(200, 'error.tooLong'),
  requestedAt: z.string().max(40),
  status: z.enum(['open', 'done']).default('open'),
  doneBy: z.string().max(200).optional(),
  doneAt: z.string().max(40).optional(),
  version: z.number().int().min(0).default(0),
  updatedAt: z.string().max(40).default(''),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequestSchema>;
