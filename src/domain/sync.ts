import * as z from 'zod';
import {
  AnnexAttachmentSchema, AttendanceSchema, BodySchema, ConventionSchema, DeliberationSchema, MandateSchema, MemberSchema, OrganisationSchema,
  ProxySchema, PublicKeySchema, SealSchema, SeanceSchema, SignatureSchema, VoteSchema,
} from './schemas';
import { CorrectionRequestSchema, CorrectionSchema } from './corrections';

/*
 * The sync contract shared by the client and the server (docs/architecture.md §5).
 * A mutation is a patch of one record: the fields it sets, based on the record version the
 * device had seen. A create is a patch with every field, on base version 0.
 */

export const syncedTables = {
  organisations: { schema: OrganisationSchema, key: 'id', seanceField: null, admin: true },
  bodies: { schema: BodySchema, key: 'id', seanceField: null, admin: true },
  members: { schema: MemberSchema, key: 'id', seanceField: null, admin: true },
  mandates: { schema: MandateSchema, key: 'id', seanceField: null, admin: true },
  seances: { schema: SeanceSchema, key: 'id', seanceField: 'id', admin: false },
  attendance: { schema: AttendanceSchema, key: 'id', seanceField: 'seanceId', admin: false },
  proxies: { schema: ProxySchema, key: 'id', seanceField: null, admin: false },
  deliberations: { schema: DeliberationSchema, key: 'id', seanceField: 'seanceId', admin: false },
  votes: { schema: VoteSchema, key: 'deliberationId', seanceField: null, admin: false },
  // A convention is its own act: the séance's seal does not lock it, its first signature does.
  conventions: { schema: ConventionSchema, key: 'id', seanceField: null, admin: false },
  // A deliberation's annex (metadata; the bytes travel by hash, sync/files.ts): sealed with its séance.
  attachments: { schema: AnnexAttachmentSchema, key: 'id', seanceField: 'seanceId', admin: false },
  conflicts: { schema: z.lazy(() => ConflictSchema), key: 'id', seanceField: null, admin: false },
  signatures: { schema: SignatureSchema, key: 'id', seanceField: null, admin: false },
  corrections: { schema: CorrectionSchema, key: 'id', seanceField: 'seanceId', admin: false },
  correctionRequests: { schema: CorrectionRequestSchema, key: 'id', seanceField: 'seanceId', admin: false },
  /** Made by the server when a séance is sealed; devices only read them. */
  seals: { schema: SealSchema, key: 'seanceId', seanceField: null, admin: false, serverOnly: true },
  /** The public keys seals and signatures are verified with (decision 005); written by the server. */
  publicKeys: { schema: PublicKeySchema, key: 'keyId', seanceField: null, admin: false, serverOnly: true },
} as const;
export type SyncedTable = keyof typeof syncedTables;
export { syncedTableNames } from './syncTables';

/** Fields the server owns: a device never sets them. */
export const SERVER_FIELDS = ['version', 'receivedAt'] as const;

export const MutationSchema = z.object({
  mutationId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  name: z.string().min(1).max(80),
  // Any name is accepted here so that a mutation from a newer client is rejected on its own
  // (and the sequence advances) rather than failing the whole push.
  table: z.string().min(1).max(40),
  recordId: z.string().min(1).max(120),
  baseVersion: z.number().int().min(0),
  args: z.record(z.string(), z.unknown()),
  createdAt: z.string().max(40).optional(),
});
export type Mutation = z.infer<typeof MutationSchema>;

export const PushRequestSchema = z.object({
  clientId: z.string().regex(/^[0-9a-zA-Z-]{8,64}$/),
  mutations: z.array(MutationSchema).max(1000),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export type MutationStatus = 'applied' | 'skipped' | 'rejected' | 'conflict';
export interface MutationResult {
  mutationId: number;
  status: MutationStatus;
  /** Catalog key of the reason when rejected or in conflict. */
  code?: string;
  message?: string;
  /** The values the code's message names ({item}, {number}…). */
  params?: Record<string, string | number>;
  /**
   * For a rejected mutation: the record as the server holds it (null: it has none), so that the
   * device puts it back and re-applies its other pending changes on top (it rebases).
   */
  current?: { version: number; body: Record<string, unknown> } | null;
}
export interface PushResponse {
  lastMutationId: number;
  results: MutationResult[];
}

export interface PulledRecord {
  table: SyncedTable;
  id: string;
  version: number;
  seq: number;
  body: Record<string, unknown>;
}
export interface PullResponse {
  records: PulledRecord[];
  cursor: number;
  /** True when more records wait beyond this page. */
  more: boolean;
  lastMutationId: number;
}

/** A field both sides changed: the server keeps its value, both are kept here until resolved. */
export const ConflictSchema = z.object({
  id: z.string().max(80),
  table: z.string().max(40),
  recordId: z.string().max(120),
  field: z.string().max(80),
  serverValue: z.unknown(),
  clientValue: z.unknown(),
  clientId: z.string().max(80),
  mutationId: z.number().int(),
  resolved: z.boolean().default(false),
  /** Which value was kept when resolved: 'server' or 'client'. */
  choice: z.enum(['server', 'client']).optional(),
  version: z.number().int().min(0).default(0),
});
export type ConflictRecord = z.infer<typeof ConflictSchema>;

export { tableOfMutation } from './syncTables';
