import Dexie, { type EntityTable } from 'dexie';
import type { ConflictRecord } from '../domain/sync';
import type {
  AnnexAttachment, Attendance, Body, Convention, Deliberation, Mandate, Member, Organisation, Proxy, PublicKey, SealRecord, Seance, Signature, Vote,
} from '../domain/schemas';
import type { CorrectionRequest } from '../domain/corrections';
import { sealGuard } from './sealGuard';
import { ownChangesByUser } from './deviceUsers';

/** One pending local change, waiting to be pushed (docs/architecture.md §5). */
export interface OutboxEntry {
  /** Local number of the change on this device (the table's key): creation order, every user. */
  mutationId: number;
  /**
   * The user who made it ('' without a stored session: tests): pushed only under their session,
   * with their client id (version 9; store/outbox.ts).
   */
  userId?: string;
  /** Gap-free number among that user's changes, sent as the mutation's id: the server skips ids it has applied. */
  clientMutationId?: number;
  name: string;
  recordId: string;
  /** The synced table the record lives in (see domain/sync.ts). */
  table: string;
  /** The server version of the record this change was based on. */
  baseVersion: number;
  args: unknown;
  createdAt: string;
}

/** A correction made after the séance was closed: never a silent edit (who, when, why). */
export interface Correction {
  id: string;
  seanceId: string;
  deliberationId?: string;
  field: string;
  before: unknown;
  after: unknown;
  reason: string;
  author: string;
  at: string;
}

/** A file annexed to a deliberation, kept in IndexedDB so it is there offline. */
export interface Annex {
  id: string;
  deliberationId: string;
  name: string;
  type: string;
  size: number;
  data: Blob;
  addedAt: string;
}

/**
 * The annex holding the organisation's logo on this device: named by the file's hash, like the
 * file on the server (store/organisationLogo.ts). Here, not there, so that the sync code in the
 * entry bundle names it without pulling the logo commands in.
 */
export const logoAnnexId = (sha256: string) => `logo-${sha256}`;

/** A pushed mutation the server did not apply as is: shown to the user until dismissed. */
export interface SyncIssue {
  mutationId: number;
  name: string;
  table: string;
  recordId: string;
  status: 'rejected' | 'conflict';
  code: string;
  message?: string;
  /** The values the code's message names. */
  params?: Record<string, string | number>;
  /** What the device wanted to write: kept as a draft to re-propose (e.g. after a seal). */
  args: unknown;
  at: string;
}

/** This device's signing key: the private half is a non-extractable CryptoKey (docs/architecture.md §5). */
export interface DeviceKeyEntry {
  id: 'current';
  keyId: string;
  privateKey: CryptoKey;
  publicKeyJwk: JsonWebKey;
  /** The user the server has registered this key to, once it has. */
  registeredFor?: string;
}

/**
 * Whether the server has a file this device holds (a convention's attached PDF), by its SHA-256:
 * pending until uploaded (sync/files.ts); an upload that failed keeps its error for the next try.
 */
export interface FileSyncEntry {
  sha256: string;
  /** The annex holding the bytes on this device. */
  annexId: string;
  state: 'pending' | 'uploaded';
  attempts?: number;
  error?: string;
  updatedAt: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export const DB_NAME = 'registre';

/** `meta` key: ids of the annexes this device held before annexes were synced (version 7). */
export const UNSYNCED_ANNEXES = 'annexes.unsynced';

/*
 * The versioned local schema. Only indexed fields are listed; a new index or table is a new
 * version() call, never an edit of an old one, so existing devices upgrade in place.
 */
export class RegistreDb extends Dexie {
  organisations!: EntityTable<Organisation, 'id'>;
  bodies!: EntityTable<Body, 'id'>;
  members!: EntityTable<Member, 'id'>;
  mandates!: EntityTable<Mandate, 'id'>;
  seances!: EntityTable<Seance, 'id'>;
  attendance!: EntityTable<Attendance, 'id'>;
  proxies!: EntityTable<Proxy, 'id'>;
  deliberations!: EntityTable<Deliberation, 'id'>;
  votes!: EntityTable<Vote, 'deliberationId'>;
  outbox!: EntityTable<OutboxEntry, 'mutationId'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  corrections!: EntityTable<Correction, 'id'>;
  annexes!: EntityTable<Annex, 'id'>;
  conflicts!: EntityTable<ConflictRecord, 'id'>;
  syncIssues!: EntityTable<SyncIssue, 'mutationId'>;
  deviceKeys!: EntityTable<DeviceKeyEntry, 'id'>;
  signatures!: EntityTable<Signature, 'id'>;
  seals!: EntityTable<SealRecord, 'seanceId'>;
  conventions!: EntityTable<Convention, 'id'>;
  correctionRequests!: EntityTable<CorrectionRequest, 'id'>;
  fileSync!: EntityTable<FileSyncEntry, 'sha256'>;
  /** Synced metadata of the deliberations' annexes; the bytes are in `annexes`, same id. */
  attachments!: EntityTable<AnnexAttachment, 'id'>;
  /** The public keys of the organisation's seals and devices, as the server publishes them. */
  publicKeys!: EntityTable<PublicKey, 'keyId'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      organisations: 'id',
      bodies: 'id, organisationId',
      members: 'id, organisationId',
      mandates: 'id, bodyId, memberId',
      seances: 'id, organisationId, bodyId, date',
      attendance: 'id, seanceId, memberId',
      proxies: 'id, bodyId, holderId, giverId',
      deliberations: 'id, seanceId, [seanceId+orderNumber]',
      votes: 'deliberationId',
      outbox: 'mutationId',
      meta: 'key',
    });
    this.version(2).stores({
      corrections: 'id, seanceId, deliberationId',
      annexes: 'id, deliberationId',
    });
    this.version(3).stores({
      conflicts: 'id, recordId',
      syncIssues: 'mutationId',
    });
    this.version(4).stores({
      deviceKeys: 'id',
      signatures: 'id, seanceId, subject.id',
      seals: 'seanceId, index',
    });
    this.version(5).stores({
      conventions: 'id, deliberationId, seanceId',
      correctionRequests: 'id, seanceId, subject.id',
    });
    this.version(6).stores({
      fileSync: 'sha256, state',
    });
    this.version(7)
      .stores({
        attachments: 'id, deliberationId, seanceId',
      })
      .upgrade(async (tx) => {
        // Annexes attached before they were synced have no record: they stay listed on this
        // device (store/deliberationCommands.ts annexEntriesOf), unlike bytes whose record another
        // device has since removed.
        const ids = await tx.table('annexes').toCollection().primaryKeys();
        if (ids.length) await tx.table('meta').put({ key: UNSYNCED_ANNEXES, value: ids });
      });
    this.version(8).stores({
      publicKeys: 'keyId, organisationId',
    });
    // Version 9: each change belongs to its user.
    this.version(9)
      .stores({
        outbox: 'mutationId, [userId+clientMutationId]',
      })
      .upgrade(ownChangesByUser);
    this.use(sealGuard);
  }
}

let instance: RegistreDb | undefined;

/** The shared database; tests may swap it for a fresh one. */
export function db(): RegistreDb {
  instance ??= new RegistreDb();
  return instance;
}

export function useDatabase(next: RegistreDb): void {
  instance = next;
}

/**
 * Makes the database of this name the shared one, closing the previous one (one database per
 * organisation: store/databases.ts).
 */
export function openDatabase(name: string): RegistreDb {
  if (instance?.name !== name) {
    instance?.close();
    instance = new RegistreDb(name);
  }
  return instance;
}
