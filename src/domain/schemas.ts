import * as z from 'zod';
import type {
  BodyId, ConventionId, DeliberationId, MandateId, MemberId, OrganisationId, ProxyId, SeanceId,
  SignatureId,
} from './ids';
import { UUID_RE } from './ids';

/*
 * One schema per record, shared by forms, the local store, the sync API and imports.
 * Error messages are message-catalog keys (src/i18n), never literal text, so the
 * server and the client speak the same language and another one can be added.
 */

// A branded id is a string checked by the regex; the brand is for the type checker only (a
// `.transform` to cast it cost a step per id field on every record the server validates).
const id = <T>() => z.string().regex(UUID_RE, 'error.id') as unknown as z.ZodType<T, string>;
const text = (max: number) => z.string().trim().max(max, 'error.tooLong');
const required = (max: number) => text(max).min(1, 'error.required');

/**
 * A calendar date, YYYY-MM-DD: zod's ISO date format, whose pattern also refuses days a month
 * does not have (2023-02-29, 2011-04-31). One regular expression: the server validates every
 * date of every record it receives, and a Date built per check cost three times as much.
 */
export const isoDate = z.iso.date({ error: 'error.date' });
export const isoTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'error.time');

/** Fields every synced record carries: the server version it was last based on. */
const recordMeta = {
  version: z.number().int().min(0).default(0),
  updatedAt: z.string().max(40).default(''),
};

export const organisationKinds = ['commune', 'epci', 'syndicat_mixte', 'departement', 'region', 'autre'] as const;
export const publicationModes = ['affichage', 'electronique'] as const;

export const logoTypes = ['image/png', 'image/jpeg'] as const;
export type LogoType = (typeof logoTypes)[number];
/** 1 MiB: a letterhead logo, not a photograph; it travels to every device that prints. */
export const MAX_LOGO_BYTES = 1024 * 1024;

/**
 * The organisation's logo as every device knows it: which image, not its bytes. Like a
 * convention's attached PDF, the bytes stay on the device that chose them (the `annexes` table)
 * and travel apart, by their SHA-256 (sync/files.ts); a device lacking them fetches them when it
 * prints. The logo is presentation only: it is not part of any signed content (signedContent.ts).
 */
export const LogoSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: required(200),
  contentType: z.enum(logoTypes, 'admin.logoNotImage'),
  size: z.number().int().min(1).max(MAX_LOGO_BYTES, 'admin.logoTooLarge'),
  /** Pixels, read from the file's header: the PDF keeps the aspect ratio without decoding it. */
  width: z.number().int().min(1).max(65_535).optional(),
  height: z.number().int().min(1).max(65_535).optional(),
});
export type Logo = z.infer<typeof LogoSchema>;

export const OrganisationSchema = z.object({
  id: id<OrganisationId>(),
  name: required(200),
  kind: z.enum(organisationKinds),
  addressLines: z.array(text(200)).max(4).default([]),
  postalCode: text(10).default(''),
  city: text(100).default(''),
  phone: text(30).default(''),
  fax: text(30).default(''),
  email: text(200).default(''),
  website: text(200).default(''),
  siret: z.string().regex(/^(\d{14})?$/, 'error.siret').default(''),
  openingHours: text(500).default(''),
  population: z.number().int().min(0).max(100_000_000).default(0),
  publicationMode: z.enum(publicationModes).default('electronique'),
  logo: LogoSchema.optional(),
  ...recordMeta,
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const BodySchema = z.object({
  id: id<BodyId>(),
  organisationId: id<OrganisationId>(),
  name: required(120),
  /** The subject of the operative sentence, as printed: "LE BUREAU", "LE CONSEIL MUNICIPAL". */
  verb: required(120),
  ...recordMeta,
});
export type Body = z.infer<typeof BodySchema>;

export const civilities = ['M.', 'Mme'] as const;
export const MemberSchema = z.object({
  id: id<MemberId>(),
  organisationId: id<OrganisationId>(),
  civility: z.enum(civilities),
  firstName: required(80),
  lastName: required(80),
  birthDate: isoDate.optional(),
  ...recordMeta,
});
export type Member = z.infer<typeof MemberSchema>;

export const mandateRoles = ['president', 'vice_president', 'member', 'substitute'] as const;
export type MandateRole = (typeof mandateRoles)[number];
export const MandateSchema = z.object({
  id: id<MandateId>(),
  bodyId: id<BodyId>(),
  memberId: id<MemberId>(),
  role: z.enum(mandateRoles),
  start: isoDate,
  end: isoDate.optional(),
  /** For a suppléant: the titular member they may sit for. */
  substituteFor: id<MemberId>().optional(),
  ...recordMeta,
});
export type Mandate = z.infer<typeof MandateSchema>;


/** What a closed séance's documents print of people and bodies, frozen at closing (domain/frozen.ts). */
const frozenId = z.string().regex(UUID_RE, 'error.id');
export const FrozenSchema = z.object({
  organisation: z.object({ name: z.string().max(200), kind: z.enum(organisationKinds) }),
  body: z.object({ name: z.string().max(120), verb: z.string().max(120) }),
  members: z.array(z.object({ id: frozenId, civility: z.enum(civilities), firstName: z.string().max(80), lastName: z.string().max(80) })).max(1000),
  mandates: z
    .array(
      z.object({
        id: frozenId,
        memberId: frozenId,
        role: z.enum(mandateRoles),
        start: z.string().max(10),
        end: z.string().max(10).optional(),
        substituteFor: frozenId.optional(),
      }),
    )
    .max(2000),
});
export type Frozen = z.infer<typeof FrozenSchema>;


export const seanceStatuses = ['draft', 'convened', 'in_progress', 'closed', 'signed', 'published'] as const;
export type SeanceStatus = (typeof seanceStatuses)[number];
export const convocationModes = ['electronique', 'papier', 'remise_en_main_propre'] as const;

export const SeanceSchema = z
  .object({
    id: id<SeanceId>(),
    organisationId: id<OrganisationId>(),
    bodyId: id<BodyId>(),
    date: isoDate,
    time: isoTime,
    place: required(200),
    convocationDate: isoDate,
    convocationMode: z.enum(convocationModes).default('electronique'),
    /** Urgency allows one clear day; the reason must be recorded (CGCT L2121-11). */
    urgencyReason: text(500).default(''),
    presidentId: id<MemberId>().optional(),
    secretaryIds: z.array(id<MemberId>()).max(5).default([]),
    status: z.enum(seanceStatuses).default('draft'),
    /** A séance convened again after a lack of quorum deliberates without quorum (L2121-17). */
    reconvenedFrom: id<SeanceId>().optional(),
    closedWithoutQuorum: z.boolean().default(false),
    /** Set when the séance closes: the names and mandates its documents print (domain/frozen.ts). */
    frozen: FrozenSchema.optional(),
    ...recordMeta,
  })
  .refine((s) => s.convocationDate <= s.date, { message: 'error.convocationAfterSeance', path: ['convocationDate'] });
export type Seance = z.infer<typeof SeanceSchema>;

export const attendanceStatuses = ['present', 'absent', 'excused', 'represented'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** A member's arrival or departure, effective from the agenda item with that order number. */
export const MovementSchema = z.object({
  kind: z.enum(['arrival', 'departure']),
  fromOrder: z.number().int().min(1).max(999),
  time: isoTime.optional(),
});
export type Movement = z.infer<typeof MovementSchema>;

export const AttendanceSchema = z.object({
  /** `${seanceId}:${memberId}`: one row per member and séance. */
  id: z.string().max(80),
  seanceId: id<SeanceId>(),
  memberId: id<MemberId>(),
  /** Status at the opening of the séance. */
  status: z.enum(attendanceStatuses),
  movements: z.array(MovementSchema).max(50).default([]),
  ...recordMeta,
});
export type Attendance = z.infer<typeof AttendanceSchema>;

export const ProxySchema = z.object({
  id: id<ProxyId>(),
  organisationId: id<OrganisationId>(),
  bodyId: id<BodyId>(),
  giverId: id<MemberId>(),
  holderId: id<MemberId>(),
  seanceIds: z.array(id<SeanceId>()).min(1, 'error.proxyNoSeance').max(10),
  writtenOn: isoDate,
  /** Illness lifts the three-consecutive-séances limit (L2121-20). */
  illness: z.boolean().default(false),
  revokedAt: z.string().max(40).optional(),
  ...recordMeta,
});
export type Proxy = z.infer<typeof ProxySchema>;

export const itemKinds = ['deliberation', 'information'] as const;
export const DeliberationSchema = z.object({
  id: id<DeliberationId>(),
  seanceId: id<SeanceId>(),
  organisationId: id<OrganisationId>(),
  orderNumber: z.number().int().min(1).max(999),
  kind: z.enum(itemKinds).default('deliberation'),
  registryNumber: text(60).optional(),
  object: required(10_000),
  actesSubject: z.string().regex(/^(\d(\.\d{1,2}){0,4})?$/, 'error.actes').default(''),
  rapporteurId: id<MemberId>().optional(),
  preamble: text(100_000).default(''),
  visas: z.array(text(5_000)).max(100).default([]),
  recitals: z.array(text(5_000)).max(100).default([]),
  articles: z.array(text(20_000)).max(100).default([]),
  /**
   * The substance of the debates on this item, as the secretary records it: the procès-verbal
   * gives it (CGCT L2121-15). Absent on items recorded before it existed.
   */
  debates: text(100_000).optional(),
  /** Members withdrawn for a personal interest: not counted for quorum nor as votants. */
  withdrawn: z.array(id<MemberId>()).max(200).default([]),
  /**
   * A sealed act is never edited: it is corrected by a new act, in a later séance, that names
   * the act it rectifies (its id here; its number and date are in the new act's object).
   */
  rectifies: id<DeliberationId>().optional(),
  ...recordMeta,
});
export type Deliberation = z.infer<typeof DeliberationSchema>;

export const voteModes = ['showOfHands', 'rollCall', 'secretBallot', 'none', 'appointment'] as const;
export const voteChoices = ['yes', 'no', 'abstain', 'notVoting'] as const;

const ballotCount = z.number().int().min(0).max(1000);
/** One round of an appointment: the votes of each candidate, then blank and invalid (nuls) ballots. */
export const AppointmentRoundSchema = z.object({
  votes: z.array(z.object({ memberId: id<MemberId>(), votes: ballotCount })).max(20),
  blank: ballotCount.default(0),
  invalid: ballotCount.default(0),
});
export type AppointmentRound = z.infer<typeof AppointmentRoundSchema>;

/**
 * An appointment by secret ballot (désignation, CGCT L2121-21 and L2122-7): the post, the
 * candidates and up to three rounds. `outcome` is the result as computed when recorded (with the
 * birth dates then known) so that the signed act says who was elected and cannot change with a
 * later edit of a member.
 */
export const AppointmentSchema = z
  .object({
    office: required(200),
    candidates: z.array(id<MemberId>()).min(1, 'appointment.noCandidate').max(20, 'appointment.tooManyCandidates'),
    rounds: z.array(AppointmentRoundSchema).min(1, 'appointment.noRound').max(3, 'appointment.tooManyRounds'),
    outcome: z
      .object({ elected: id<MemberId>().optional(), round: z.number().int().min(0).max(3), byAge: z.boolean() })
      .optional(),
  })
  .superRefine((a, ctx) => {
    // A round counts only the candidates, each once: the server refuses anything else too.
    if (new Set(a.candidates).size !== a.candidates.length) {
      ctx.addIssue({ code: 'custom', message: 'appointment.duplicateCandidate', path: ['candidates'] });
    }
    const candidates = new Set<string>(a.candidates);
    for (const [i, r] of a.rounds.entries()) {
      const ids = r.votes.map((v) => v.memberId as string);
      if (ids.some((m) => !candidates.has(m)) || new Set(ids).size !== ids.length) {
        ctx.addIssue({ code: 'custom', message: 'appointment.votesNotCandidates', path: ['rounds', i, 'votes'] });
      }
    }
    if (a.outcome?.elected !== undefined && !candidates.has(a.outcome.elected)) {
      ctx.addIssue({ code: 'custom', message: 'appointment.votesNotCandidates', path: ['outcome', 'elected'] });
    }
  });
export type Appointment = z.infer<typeof AppointmentSchema>;
export const VoteSchema = z.object({
  deliberationId: id<DeliberationId>(),
  mode: z.enum(voteModes),
  yes: z.number().int().min(0).max(1000).default(0),
  no: z.number().int().min(0).max(1000).default(0),
  abstain: z.number().int().min(0).max(1000).default(0),
  notVoting: z.number().int().min(0).max(1000).default(0),
  blank: z.number().int().min(0).max(1000).default(0),
  invalid: z.number().int().min(0).max(1000).default(0),
  /** Public roll-call: each voter's choice; a proxy holder's vote for the giver is its own row. */
  ballots: z
    .array(z.object({ memberId: id<MemberId>(), choice: z.enum(voteChoices), onBehalfOf: id<MemberId>().optional() }))
    .max(400)
    .default([]),
  /** Only for mode 'appointment'; absent otherwise, so older votes keep their exact content. */
  appointment: AppointmentSchema.optional(),
  ...recordMeta,
});
export type Vote = z.infer<typeof VoteSchema>;

export const PartySchema = z.object({
  organisationName: required(200),
  signatoryName: required(120),
  capacity: required(120),
});
export type Party = z.infer<typeof PartySchema>;

/** A PDF attached as the convention's text: the bytes stay on the device, the hash is signed. */
export const AttachmentSchema = z.object({
  annexId: z.string().max(80),
  fileName: required(255),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(1).max(20 * 1024 * 1024),
});

/**
 * A convention authorised by a deliberation, signed by every party's signatory. Once a party has
 * signed, the convention no longer changes (docs/architecture.md §5): a change would void that signature.
 */
export const ConventionSchema = z.object({
  id: id<ConventionId>(),
  organisationId: id<OrganisationId>(),
  deliberationId: id<DeliberationId>(),
  seanceId: id<SeanceId>(),
  title: required(500),
  parties: z.array(PartySchema).min(2, 'convention.partiesMin').max(10),
  text: text(200_000).default(''),
  attachment: AttachmentSchema.optional(),
  ...recordMeta,
});
export type Convention = z.infer<typeof ConventionSchema>;

export const SignatureSchema = z.object({
  id: id<SignatureId>(),
  organisationId: id<OrganisationId>(),
  subject: z.object({ kind: z.enum(['minutes', 'deliberation', 'convention']), id: z.string().max(80) }),
  /** The séance the signed act belongs to: sealing is decided per séance. */
  seanceId: z.string().max(80).optional(),
  signerName: required(120),
  capacity: required(120),
  /** A member signing for the body (président, secrétaire de séance), or a convention party. */
  memberId: z.string().max(80).optional(),
  role: z.enum(['president', 'secretary', 'party']),
  /** For a convention: the index of the party in `parties` this signatory signs for. */
  partyIndex: z.number().int().min(0).max(9).optional(),
  signedAt: z.string().max(40),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  strokesHash: z.string().regex(/^[0-9a-f]{64}$/),
  strokes: z.array(z.array(z.object({ x: z.number(), y: z.number(), t: z.number().optional() })).max(5000)).max(200),
  /** PNG of the drawing, for documents (data URL). */
  png: z.string().max(400_000).optional(),
  /** Hash of `png`, in the signed statement (domain/signing.ts): the printed image is signed too. */
  pngHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** When the server received it (its clock; set by the server, never by a device). */
  receivedAt: z.string().max(40).optional(),
  deviceKeyId: z.string().max(200),
  deviceSignature: z.string().max(400),
  version: z.number().int().min(0).default(0),
  updatedAt: z.string().max(40).default(''),
});
export type Signature = z.infer<typeof SignatureSchema>;

/** A séance's seal in the register's hash chain (domain/seal.ts), made by the server. */
export const SealSchema = z.object({
  seanceId: z.string().max(80),
  organisationId: z.string().max(80),
  index: z.number().int().min(1),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  previousSealHash: z.string().regex(/^[0-9a-f]{64}$/),
  sealedAt: z.string().max(40),
  sealHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The server's seal key that signed it, and that signature; absent on older seals. */
  keyId: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  signature: z.string().max(200).optional(),
  version: z.number().int().min(0).default(0),
});
export type SealRecord = z.infer<typeof SealSchema>;

/**
 * A public key the register is verified with, published by the server (decision 005): its
 * organisation's seal key, or a device key registered to one of its users. `keyId` is the hash
 * of the key itself (domain/signing.ts keyIdOf), so a record cannot name another key.
 */
export const PublicKeySchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  organisationId: z.string().max(80),
  kind: z.enum(['seal', 'device']),
  publicKeyJwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().max(100), y: z.string().max(100) }),
  /** For a device key: the user it is registered to, and that user's name then. */
  userId: z.string().max(80).optional(),
  userName: z.string().max(200).optional(),
  createdAt: z.string().max(40),
  version: z.number().int().min(0).default(0),
});
export type PublicKey = z.infer<typeof PublicKeySchema>;

/**
 * What every device knows of a file annexed to a deliberation (its synced `attachments` record):
 * the bytes stay in the device's `annexes` table under the same id and travel apart, by their
 * SHA-256 (sync/files.ts). A sealed séance refuses a new one and a removal.
 */
export const AnnexAttachmentSchema = z.object({
  id: z.string().regex(UUID_RE, 'error.id'),
  organisationId: id<OrganisationId>(),
  seanceId: id<SeanceId>(),
  deliberationId: id<DeliberationId>(),
  name: required(255),
  type: z.string().max(120).default('application/octet-stream'),
  size: z.number().int().min(0).max(20 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  addedAt: z.string().max(40),
  ...recordMeta,
});
export type AnnexAttachment = z.infer<typeof AnnexAttachmentSchema>;
