import type { Table } from 'dexie';
import { checkCommand, commandOf, CommandRefusal, NotLoaded, type ChildTable, type CommandState, type Rec } from '../domain/commands';
import type { Actor } from '../domain/roles';
import { syncedTables, type SyncedTable } from '../domain/sync';
import { localSession } from './session';
import { db, type RegistreDb } from './db';
import { ValidationError } from './errors';
import { enqueue } from './outbox';

/*
 * The device's half of the command registry (src/domain/commands.ts, docs/decisions/004): a
 * command is checked here, in the caller's Dexie transaction, by the same pure check the server
 * runs again when it receives it; then its record is written and its mutation queued, together.
 */

/** A command the device refuses: a ValidationError with the registry's code and values. */
export class CommandRefusedHere extends ValidationError {
  constructor(
    code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super({}, code);
    this.name = 'CommandRefusedHere';
  }
}

/**
 * The tables a command's check may read, and the outbox: a transaction that runs commands opens
 * them all. Not `seals`: a transaction over `seals` is the sync engine's (store/sealGuard.ts).
 */
export function commandTables(d: RegistreDb = db()): Table[] {
  const names = new Set<string>(['seances', 'attendance', 'proxies', 'deliberations', 'votes', 'attachments', 'signatures', 'conventions', 'corrections', 'correctionRequests', 'bodies', 'members', 'mandates', 'organisations', 'conflicts', 'outbox', 'meta']);
  return d.tables.filter((t) => names.has(t.name));
}

/** How the device lists a table's live records by parent (src/domain/commands.ts `parentOf`). */
const INDEX: Record<ChildTable, string> = {
  attendance: 'seanceId',
  deliberations: 'seanceId',
  attachments: 'seanceId',
  signatures: 'seanceId',
  conventions: 'seanceId',
  corrections: 'seanceId',
  correctionRequests: 'seanceId',
  seances: 'bodyId',
  mandates: 'bodyId',
  proxies: 'bodyId',
  members: 'organisationId',
  votes: '',
};

/**
 * The commands' view of this device's records, read in the current transaction: a getter that
 * lacks something throws NotLoaded, `runCheck` loads it and checks again.
 */
class DexieState implements CommandState {
  private readonly records = new Map<string, Rec | null>();
  private readonly lists = new Map<string, Rec[]>();
  private readonly numbers = new Map<string, string | null>();
  constructor(private readonly d: RegistreDb) {}
  get(table: SyncedTable, id: string): Rec | undefined {
    const key = `${table}|${id}`;
    const r = this.records.get(key);
    if (r === undefined) {
      throw new NotLoaded(async () => {
        const row = this.d.tables.some((t) => t.name === table) ? ((await this.d.table(table).get(id)) as Rec | undefined) : undefined;
        this.records.set(key, row ?? null);
      });
    }
    return r ?? undefined;
  }
  children(table: ChildTable, parentId: string): Rec[] {
    const key = `${table}|${parentId}`;
    const list = this.lists.get(key);
    if (list) return list;
    throw new NotLoaded(async () => {
      let rows: Rec[];
      if (table === 'votes') {
        const items = await this.d.deliberations.where('seanceId').equals(parentId).primaryKeys();
        rows = (await this.d.votes.bulkGet(items)).filter((v) => !!v) as unknown as Rec[];
      } else {
        rows = (await this.d.table(table).where(INDEX[table]).equals(parentId).toArray()) as Rec[];
      }
      this.lists.set(key, rows);
    });
  }
  numberHolder(number: string): string | undefined {
    const h = this.numbers.get(number);
    if (h === undefined) {
      throw new NotLoaded(async () => {
        const holder = await this.d.deliberations.filter((x) => x.registryNumber === number).first();
        this.numbers.set(number, holder?.id ?? null);
      });
    }
    return h ?? undefined;
  }
  now(): Date {
    return new Date();
  }
}

/**
 * Computes something from the device's records through the commands' state (`CommandState`), in
 * the current transaction: the same reading the server's check makes of its own.
 */
export async function readHere<T>(fn: (state: CommandState) => T, d: RegistreDb = db()): Promise<T> {
  const state = new DexieState(d);
  for (;;) {
    try {
      return fn(state);
    } catch (e) {
      if (!(e instanceof NotLoaded)) throw e;
      await e.load();
    }
  }
}

/**
 * Who acts on this device: the signed-in user. Without one (a device before its first sign-in,
 * the unit tests) the device checks the register's rules but not who acts: the server does, for
 * every command, when it receives it.
 */
async function actorOf(d: RegistreDb, args: Rec): Promise<Actor> {
  const s = await localSession(d);
  if (s) return { userId: s.user.id, organisationId: s.organisationId, role: s.role as Actor['role'], memberId: s.user.memberId };
  return { userId: '', organisationId: '', role: 'administrateur', memberId: typeof args.memberId === 'string' ? args.memberId : undefined };
}

export interface CommandInput {
  name: string;
  recordId: string;
  /** The record's server version this command is based on. */
  baseVersion: number;
  /** The fields the command sets (the whole record for a create); null clears a field. */
  args: Rec;
  /** The record as the command leaves it, when it is not `{...before, ...args}` (default). */
  after?: Rec;
}

/**
 * Checks a command against this device's records, with the registry's check, in the current
 * transaction. Refusal: CommandRefusedHere with the registry's code.
 */
export async function checkHere(input: CommandInput, d: RegistreDb = db()): Promise<{ before: Rec | undefined; after: Rec | undefined }> {
  const def = commandOf(input.name);
  if (!def) throw new CommandRefusedHere('sync.unknownCommand');
  const key = syncedTables[def.table].key;
  const before = (await d.table(def.table).get(input.recordId)) as Rec | undefined;
  let after: Rec | undefined;
  if (def.effect !== 'delete') {
    after = input.after ?? { ...before, ...input.args };
    for (const [k, v] of Object.entries(input.args)) if (v === null) delete after[k];
  }
  const actor = await actorOf(d, input.args);
  const state = new DexieState(d);
  for (;;) {
    try {
      checkCommand(def, { name: input.name, table: def.table, recordId: input.recordId, before, after, patch: input.args, actor }, state, key);
      return { before, after };
    } catch (e) {
      if (e instanceof NotLoaded) {
        await e.load();
        continue;
      }
      if (e instanceof CommandRefusal) throw new CommandRefusedHere(e.code, e.params);
      throw e;
    }
  }
}

/**
 * Runs one command: the registry's check, then the record written (or deleted) and its mutation
 * queued, in the caller's transaction (which must include `commandTables()`).
 */
export async function runCommand(input: CommandInput, now: Date, d: RegistreDb = db()): Promise<Rec | undefined> {
  const def = commandOf(input.name)!;
  const { after } = await checkHere(input, d);
  const table = d.table(def.table);
  if (def.effect === 'delete') await table.delete(input.recordId);
  else await table.put(after);
  await enqueue({ name: input.name, table: def.table, recordId: input.recordId, baseVersion: input.baseVersion, args: input.args }, now);
  return after;
}
