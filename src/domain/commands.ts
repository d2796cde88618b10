import { canReorder } from './agenda';
import { canEdit, canVote, isSealed } from './status';
import { appointmentOutcome } from './appointment';
import { quorumFor } from './attendance';
import { canonicalJson } from './canonical';
import { earliestReconvocationDate } from './convocation';
import { frozenOf } from './frozen';
import { correctableFields } from './corrections';
import type { MemberId } from './ids';
import { membersInOffice } from './mandates';
import { checkProxy, isRevoked } from './proxies';
import type { Actor, Role } from './roles';
import type { Attendance, Body, Convention, Deliberation, Mandate, Member, Organisation, Proxy, Seance, SeanceStatus, Signature, Vote } from './schemas';
import type { SyncedTable } from './sync';
import { appointmentStatus } from './tally';
import { checkVoteEntry, countsForItem } from './voteEntry';

/*
 * The register's commands, shared by the device and the server (docs/decisions/004).
 *
 * A mutation on the wire is a named command: its name, the record it writes, and that record's
 * fields as the command set them (the whole record for a create). This registry says, for each
 * name, which table it writes, how (create, update, upsert, delete), which roles may run it, which
 * fields an update may carry, and a pure check against the current state and the acting user.
 * The device runs the check in its Dexie transaction before it writes (store/commands.ts); the
 * server runs the same check again in the push transaction against its own records
 * (server/sync/push.ts). A name that is not here is refused: there is no generic "patch".
 *
 * A check reads the state through `CommandState`, whose getters are synchronous: a getter that
 * does not hold the data yet throws a `NotLoaded`, the caller loads it and runs the check again
 * (a check reads before it decides, and decides nothing before it has read everything).
 */

export type Rec = Record<string, unknown>;

/** A refused command: a catalog key (src/i18n) and a detail (the field, the number…). */
export class CommandRefusal extends Error {
  constructor(
    readonly code: string,
    readonly detail?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'CommandRefusal';
  }
}

/** Thrown by a state getter that must load something first; `load()` then run the check again. */
export class NotLoaded {
  constructor(readonly load: () => Promise<unknown>) {}
}

/** Tables whose live records a check lists by their parent (see `parentOf`). */
export type ChildTable =
  | 'attendance' | 'deliberations' | 'votes' | 'attachments' | 'signatures' | 'conventions' | 'corrections' | 'correctionRequests'
  | 'seances' | 'mandates' | 'proxies' | 'members';

/** What a check may read: the state before the command, on the device or on the server. */
export interface CommandState {
  /** The live record (undefined when missing or deleted). */
  get(table: SyncedTable, id: string): Rec | undefined;
  /**
   * Live records by parent: a séance's attendance, deliberations, votes, attachments, signatures,
   * conventions, corrections and correction requests; a body's séances, mandates and pouvoirs;
   * an organisation's members.
   */
  children(table: ChildTable, parentId: string): Rec[];
  /** The deliberation that holds a registry number in the organisation, if any. */
  numberHolder(registryNumber: string): string | undefined;
  /** The time of the check: the server's clock on the server. */
  now(): Date;
}

/**
 * The parent a record is listed under (`CommandState.children`): a séance's roll-call, items,
 * annexes, signatures, conventions and corrections by its id; a body's mandates and pouvoirs by
 * the body; an organisation's members by the organisation. A séance is listed by its body too
 * (`bodyOf`), but the server does not index it so (the 10,000-séance push bench pays for every
 * index; the body's séances are read only to record a pouvoir). A vote has no séance field: its
 * parent is its deliberation's séance, which the caller looks up.
 */
export function parentOf(table: string, body: Rec): string | undefined {
  let v: unknown;
  switch (table) {
    case 'mandates':
    case 'proxies':
      v = body.bodyId;
      break;
    case 'members':
      v = body.organisationId;
      break;
    case 'attendance':
    case 'deliberations':
    case 'attachments':
    case 'signatures':
    case 'conventions':
    case 'corrections':
    case 'correctionRequests':
      v = body.seanceId;
      break;
    default:
      return undefined;
  }
  return typeof v === 'string' ? v : undefined;
}

export interface CommandCall {
  name: string;
  table: SyncedTable;
  recordId: string;
  /** The record as it is now; undefined when it does not exist (or was deleted). */
  before: Rec | undefined;
  /** The record as this command leaves it (validated); undefined for a deletion. */
  after: Rec | undefined;
  /** The fields this command writes. */
  patch: Rec;
  actor: Actor;
}

export type Effect = 'create' | 'update' | 'upsert' | 'delete';

export interface CommandDef {
  table: SyncedTable;
  effect: Effect;
  roles: readonly Role[];
  /** The fields an update may carry (besides `updatedAt` and the key). */
  fields?: readonly string[];
  check?: (call: CommandCall, state: CommandState) => void;
}

const ADMIN: readonly Role[] = ['administrateur'];
/** Who records a séance: the secretariat, and a president who keeps the register alone. */
const RECORDERS: readonly Role[] = ['administrateur', 'secretaire', 'president'];

const refuse = (code: string, detail?: string, params?: Record<string, string | number>): never => {
  throw new CommandRefusal(code, detail, params);
};


// ---------------------------------------------------------------------------------------------
// Reading the state

function seanceById(state: CommandState, id: unknown): Seance | undefined {
  return typeof id === 'string' ? (state.get('seances', id) as Seance | undefined) : undefined;
}

/** The séance a record belongs to (a vote: its deliberation's). */
export function seanceIdOf(state: CommandState, table: SyncedTable, rec: Rec | undefined): string | undefined {
  if (!rec) return undefined;
  if (table === 'seances') return rec.id as string;
  if (table === 'votes') {
    const d = state.get('deliberations', String(rec.deliberationId));
    return typeof d?.seanceId === 'string' ? d.seanceId : undefined;
  }
  return typeof rec.seanceId === 'string' ? rec.seanceId : undefined;
}

/** Everything the counts of a séance's items are computed from, as the state holds it. */
export interface Facts {
  seance: Seance;
  mandates: Mandate[];
  inOffice: MemberId[];
  attendance: Attendance[];
  proxies: Proxy[];
  items: Deliberation[];
  votes: Map<string, Vote>;
}

export function factsOf(state: CommandState, seance: Seance): Facts {
  const mandates = state.children('mandates', seance.bodyId) as Mandate[];
  const votes = new Map<string, Vote>();
  for (const v of state.children('votes', seance.id) as Vote[]) votes.set(v.deliberationId, v);
  return {
    seance,
    mandates,
    inOffice: membersInOffice(mandates, seance.bodyId, seance.date),
    attendance: state.children('attendance', seance.id) as Attendance[],
    proxies: state.children('proxies', seance.bodyId) as Proxy[],
    items: state.children('deliberations', seance.id) as Deliberation[],
    votes,
  };
}

/** The part of an item's counts a recorded vote rests on: who votes, in person or by pouvoir. */
function countsKey(facts: Facts, item: Deliberation): string {
  const c = countsForItem(facts, item);
  return canonicalJson([c.voters, [...c.present].sort(), c.represented.map((r) => `${r.giver}>${r.holder}`).sort(), c.quorum.reached]);
}

/**
 * Counts of a voted item never change under its vote (the PV would say « Votants : 6 » beside
 * « Pour : 7 »): a change of attendance or of a pouvoir that would change them is refused; the
 * vote must be cancelled first.
 */
function assertVotedCountsKept(before: Facts, after: Facts): void {
  for (const item of before.items) {
    if (!before.votes.has(item.id)) continue;
    if (countsKey(before, item) !== countsKey(after, item)) refuse('vote.countsLocked', String(item.orderNumber), { item: item.orderNumber });
  }
}

// ---------------------------------------------------------------------------------------------
// The séance and what belongs to it

/** The séance of the record before and after the command: the same one, and not sealed. */
function seanceOfCall(call: CommandCall, state: CommandState): Seance | undefined {
  const beforeId = seanceIdOf(state, call.table, call.before);
  const afterId = seanceIdOf(state, call.table, call.after);
  // A record never moves to another séance (nor a vote to another deliberation): the record of
  // a sealed séance would otherwise leave it, then change (docs/decisions/004).
  if (call.before && call.after && beforeId !== afterId) refuse('sync.moved', 'seanceId');
  const id = afterId ?? beforeId;
  if (!id) return undefined;
  const seance = seanceById(state, id);
  if (!seance) return refuse('sync.badReference', 'seanceId');
  if (isSealed(seance.status)) refuse('sync.sealed');
  return seance;
}

function requireSeance(call: CommandCall, state: CommandState): Seance {
  return seanceOfCall(call, state) ?? refuse('sync.badReference', 'seanceId');
}

/** Drafting, agenda, roll-call: until the séance is closed (CGCT R2121-9: then only corrections). */
function assertEditable(seance: Seance): void {
  if (!canEdit(seance.status)) refuse('seance.readOnly');
}

function assertFieldUnchanged(call: CommandCall, field: string): void {
  if (call.before && field in call.patch && canonicalJson(call.before[field] ?? null) !== canonicalJson(call.patch[field] ?? null)) {
    refuse('sync.fieldLocked', field);
  }
}

function assertMember(state: CommandState, id: unknown, field: string): void {
  if (id === undefined) return;
  if (typeof id !== 'string' || !state.get('members', id)) refuse('sync.badReference', field);
}

// Séance lifecycle: the moves a person makes by hand. Closing, closing without quorum, sealing
// and publication are commands of their own with their own conditions.
const MOVES: Partial<Record<SeanceStatus, readonly SeanceStatus[]>> = {
  draft: ['convened', 'in_progress'],
  convened: ['in_progress', 'draft'],
};
const OPENING_STATUSES: ReadonlySet<string> = new Set(['draft', 'convened', 'in_progress']);

function checkSeanceFields(call: CommandCall, state: CommandState): Seance {
  const after = call.after as Seance;
  assertMember(state, after.presidentId, 'presidentId');
  for (const id of after.secretaryIds) assertMember(state, id, 'secretaryIds');
  return after;
}

function checkSeanceCreate(call: CommandCall, state: CommandState): void {
  const after = checkSeanceFields(call, state);
  if (!OPENING_STATUSES.has(after.status)) refuse('seance.badTransition', after.status);
  if (after.closedWithoutQuorum) refuse('seance.badTransition', 'closedWithoutQuorum');
  if (after.reconvenedFrom !== undefined) {
    // Convened again after a lack of quorum (L2121-17): the same body, three days later at least.
    const failed = seanceById(state, after.reconvenedFrom);
    if (!failed || !failed.closedWithoutQuorum || failed.bodyId !== after.bodyId) refuse('seance.notWithoutQuorum');
    if (after.date < earliestReconvocationDate(failed!.date)) refuse('seance.reconveneTooSoon');
  }
}

function checkSeanceUpdate(call: CommandCall, state: CommandState): void {
  const before = call.before as Seance;
  if (!OPENING_STATUSES.has(before.status)) refuse(isSealed(before.status) ? 'sync.sealed' : 'seance.readOnly');
  checkSeanceFields(call, state);
  assertFieldUnchanged(call, 'reconvenedFrom');
}

function checkSeanceStatus(call: CommandCall, state: CommandState): void {
  const before = call.before as Seance;
  const after = call.after as Seance;
  if (isSealed(before.status)) {
    if (before.status === 'signed' && after.status === 'published') return;
    refuse('sync.sealed');
  }
  if (after.status === before.status) return;
  if (after.status === 'signed') {
    // Sealing: the server then checks every required signature against the current content.
    if (before.status !== 'closed') refuse('seance.badTransition', `${before.status}>${after.status}`);
    return;
  }
  if (!MOVES[before.status]?.includes(after.status)) refuse('seance.badTransition', `${before.status}>${after.status}`);
  void state;
}

/**
 * What the closing freezes of names and mandates (domain/frozen.ts), as this side's records say:
 * the closing must carry exactly that, or its documents would print what nobody checked.
 */
export function expectedFrozen(state: CommandState, seance: Seance, facts: Facts) {
  const organisation = state.get('organisations', seance.organisationId) as Organisation | undefined;
  const body = state.get('bodies', seance.bodyId) as Body | undefined;
  if (!organisation || !body) return refuse('sync.badReference', 'bodyId');
  return frozenOf({
    seance, organisation, body,
    members: state.children('members', seance.organisationId) as Member[],
    mandates: facts.mandates, attendance: facts.attendance, deliberations: facts.items, votes: [...facts.votes.values()], proxies: facts.proxies,
  });
}

function assertFrozen(call: CommandCall, state: CommandState, before: Seance, facts: Facts): void {
  if (canonicalJson((call.after as Seance).frozen ?? null) !== canonicalJson(expectedFrozen(state, before, facts))) refuse('closing.frozenMismatch');
}

function checkSeanceClose(call: CommandCall, state: CommandState): void {
  const before = call.before as Seance;
  const after = call.after as Seance;
  if (after.status !== 'closed') refuse('seance.badTransition', `${before.status}>${after.status}`);
  if (before.status === 'closed') return; // closed already (a replay from another device): nothing to do
  if (before.status !== 'in_progress') refuse('closing.notInProgress');
  const facts = factsOf(state, before);
  const unvoted = facts.items.filter((i) => i.kind === 'deliberation' && !facts.votes.has(i.id)).map((i) => i.orderNumber);
  if (unvoted.length) refuse('closing.unvoted', unvoted.join(', '), { items: unvoted.sort((a, b) => a - b).join(', '), count: unvoted.length });
  const open = facts.items.filter((i) => {
    const v = facts.votes.get(i.id);
    return v?.mode === 'appointment' && appointmentStatus(v.appointment).state === 'nextRound';
  });
  if (open.length) refuse('closing.appointmentOpen', '', { items: open.map((i) => i.orderNumber).join(', '), count: open.length });
  // Numbers are given before the séance closes, each checked by deliberation.number.
  const unnumbered = facts.items.filter((i) => i.kind === 'deliberation' && !i.registryNumber).map((i) => i.orderNumber);
  if (unnumbered.length) refuse('closing.unnumbered', unnumbered.join(', '), { items: unnumbered.join(', ') });
  assertFrozen(call, state, before, facts);
}

function checkCloseWithoutQuorum(call: CommandCall, state: CommandState): void {
  const before = call.before as Seance;
  const after = call.after as Seance;
  if (after.status !== 'closed' || !after.closedWithoutQuorum) refuse('seance.badTransition');
  if (before.status === 'closed' && before.closedWithoutQuorum) return;
  // The roll-call may show the lack of quorum before the séance was marked convened or opened.
  if (!OPENING_STATUSES.has(before.status)) refuse('closing.notInProgress');
  const facts = factsOf(state, before);
  // Nothing was voted (L2121-17: without quorum, the body does not deliberate).
  if (facts.votes.size > 0) refuse('seance.votedNoQuorumClose');
  // Closing "faute de quorum" is for a séance that lacks it at the opening.
  const first = Math.min(1, ...facts.items.map((i) => i.orderNumber));
  const present = facts.inOffice.filter((id) => {
    const row = facts.attendance.find((a) => a.memberId === id);
    return row !== undefined && presentAtOrder(row, first);
  }).length;
  if (before.reconvenedFrom === undefined && quorumFor(facts.inOffice.length, present, false).reached) refuse('seance.quorumReached');
  assertFrozen(call, state, before, facts);
}

function presentAtOrder(att: Attendance, order: number): boolean {
  let present = att.status === 'present';
  for (const m of att.movements) if (m.fromOrder <= order) present = m.kind === 'arrival';
  return present;
}

function checkPublish(call: CommandCall): void {
  const before = call.before as Seance;
  const after = call.after as Seance;
  // Published only from sealed (L2131-1: what is published is the signed act).
  if (after.status !== 'published' || before.status !== 'signed') refuse('seance.badTransition', `${before.status}>${after.status}`);
}

// ---------------------------------------------------------------------------------------------
// Roll-call and pouvoirs

function checkAttendance(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  assertEditable(seance);
  const after = call.after as Attendance;
  if (after.id !== `${after.seanceId}:${after.memberId}`) refuse('sync.invalid', 'id');
  assertMember(state, after.memberId, 'memberId');
  const before = factsOf(state, seance);
  if (after.status === 'represented' && (call.before as Attendance | undefined)?.status !== 'represented') {
    // « Représenté » only with a pouvoir covering this séance (L2121-20).
    const proxy = before.proxies.find((p) => !isRevoked(p) && p.giverId === after.memberId && p.seanceIds.includes(seance.id));
    if (!proxy) refuse('attendance.noProxy');
  }
  const rows = before.attendance.filter((a) => a.id !== after.id);
  rows.push(after);
  assertVotedCountsKept(before, { ...before, attendance: rows });
}

function checkProxyCreate(call: CommandCall, state: CommandState): void {
  const proxy = call.after as Proxy;
  const seances = state.children('seances', proxy.bodyId) as Seance[];
  const covered = seances.filter((s) => proxy.seanceIds.includes(s.id));
  for (const s of covered) if (!canEdit(s.status)) refuse(isSealed(s.status) ? 'sync.sealed' : 'seance.readOnly');
  const first = covered.map((s) => s.date).sort()[0] ?? proxy.writtenOn;
  const mandates = state.children('mandates', proxy.bodyId) as Mandate[];
  const check = checkProxy(proxy, {
    existing: (state.children('proxies', proxy.bodyId) as Proxy[]).filter((p) => p.id !== proxy.id),
    inOffice: membersInOffice(mandates, proxy.bodyId, first),
    seancesOfBody: seances.map((s) => ({ id: s.id, date: s.date })),
  });
  if (!check.ok) refuse(check.code);
  for (const s of covered) {
    const facts = factsOf(state, s);
    assertVotedCountsKept(facts, { ...facts, proxies: [...facts.proxies, proxy] });
  }
}

function checkProxyRevoke(call: CommandCall, state: CommandState): void {
  const before = call.before as Proxy;
  const after = call.after as Proxy;
  for (const f of ['giverId', 'holderId', 'bodyId', 'seanceIds', 'writtenOn', 'illness']) assertFieldUnchanged(call, f);
  if (isRevoked(before)) {
    if (!isRevoked(after)) refuse('proxy.revoked');
    return;
  }
  for (const sid of before.seanceIds) {
    const s = seanceById(state, sid);
    if (!s) continue;
    if (!canEdit(s.status)) refuse(isSealed(s.status) ? 'sync.sealed' : 'seance.readOnly');
    const facts = factsOf(state, s);
    assertVotedCountsKept(facts, { ...facts, proxies: facts.proxies.map((p) => (p.id === after.id ? after : p)) });
  }
}

/**
 * A mandate given, ended or changed changes who is in office: it may not change the votants of an
 * item already voted in a séance of that body in progress (a closed séance counts with the
 * mandates it froze, domain/frozen.ts).
 */
function checkMandate(call: CommandCall, state: CommandState): void {
  const mandate = (call.after ?? call.before) as Mandate;
  for (const s of state.children('seances', mandate.bodyId) as Seance[]) {
    if (!canVote(s.status)) continue;
    const facts = factsOf(state, s);
    const mandates = facts.mandates.filter((m) => m.id !== mandate.id);
    if (call.after) mandates.push(call.after as Mandate);
    assertVotedCountsKept(facts, { ...facts, mandates, inOffice: membersInOffice(mandates, s.bodyId, s.date) });
  }
}

// ---------------------------------------------------------------------------------------------
// The agenda, the acts and their votes

const DRAFT_FIELDS = ['kind', 'object', 'actesSubject', 'rapporteurId', 'preamble', 'visas', 'recitals', 'articles', 'debates'] as const;

function checkDeliberationCreate(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  assertEditable(seance);
  const item = call.after as Deliberation;
  if (item.organisationId !== seance.organisationId) refuse('sync.badReference', 'organisationId');
  // Numbers are given at closing (deliberation.number), never with the item.
  if (item.registryNumber !== undefined) refuse('sync.fieldLocked', 'registryNumber');
  assertMember(state, item.rapporteurId, 'rapporteurId');
  if (item.rectifies !== undefined) {
    const sealed = state.get('deliberations', item.rectifies) as Deliberation | undefined;
    const origin = sealed && seanceById(state, sealed.seanceId);
    if (!sealed || !origin || !isSealed(origin.status) || sealed.kind !== 'deliberation') refuse('delib.rectifyNotSealed');
  }
}

function checkDraft(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  assertEditable(seance);
  const before = call.before as Deliberation;
  const after = call.after as Deliberation;
  assertMember(state, after.rapporteurId, 'rapporteurId');
  if (after.kind !== before.kind && state.get('votes', before.id)) refuse('delib.kindAfterVote');
}

function checkOrder(reorder: boolean) {
  return (call: CommandCall, state: CommandState): void => {
    const seance = requireSeance(call, state);
    if (!(reorder ? canReorder(seance.status) : canEdit(seance.status))) refuse(canEdit(seance.status) ? 'delib.orderFixed' : 'seance.readOnly');
    // A numbered act never moves: its number is its order in the register.
    if ((call.before as Deliberation).registryNumber !== undefined) refuse('sync.fieldLocked', 'orderNumber');
  };
}

function checkDeliberationDelete(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  if (!canReorder(seance.status)) refuse(canEdit(seance.status) ? 'delib.orderFixed' : 'seance.readOnly');
  if (state.get('votes', call.recordId)) refuse('delib.deleteVoted');
}

function checkWithdraw(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  assertEditable(seance);
  for (const id of (call.after as Deliberation).withdrawn) assertMember(state, id, 'withdrawn');
  if (state.get('votes', call.recordId)) refuse('delib.withdrawAfterVote');
}

/** `20111107_DL_04`: the séance's date, a type, a sequence (docs/decisions/002). */
const REGISTRY_NUMBER_RE = /^(\d{4})(\d{2})(\d{2})_([A-Z][A-Z0-9]{0,5})_(\d{2,3})$/;

function checkNumber(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  const before = call.before as Deliberation;
  const number = (call.after as Deliberation).registryNumber;
  if (before.registryNumber !== undefined) {
    // A number once given never changes (a replay of the same one is harmless).
    if (number !== before.registryNumber) refuse('sync.fieldLocked', 'registryNumber');
    return;
  }
  // Given at closing, in the same push as the closing itself (store/closing.ts).
  if (seance.status !== 'in_progress') refuse('closing.notInProgress');
  if (before.kind !== 'deliberation') refuse('closing.numberInformation');
  const m = number ? REGISTRY_NUMBER_RE.exec(number) : null;
  if (!number || !m || `${m[1]}-${m[2]}-${m[3]}` !== seance.date || Number(m[5]) < 1) refuse('closing.badNumber', number ?? '', { number: number ?? '' });
  // The act number is the act's legal identifier: unique in the organisation, the server deciding.
  const holder = state.numberHolder(number!);
  if (holder !== undefined && holder !== call.recordId) refuse('closing.numberTaken', number, { number: number!, type: m![4]! });
}

function checkCorrect(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  // Before sealing a closed séance takes recorded corrections, each with its correction record.
  if (seance.status !== 'closed') refuse(canEdit(seance.status) ? 'closing.notClosed' : 'closing.sealed');
}

function checkVoteRecord(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  if (!canVote(seance.status)) refuse('vote.notInProgress');
  const vote = call.after as Vote;
  const item = state.get('deliberations', vote.deliberationId) as Deliberation | undefined;
  if (!item) return refuse('sync.badReference', 'deliberationId');
  const facts = factsOf(state, seance);
  const counts = countsForItem(facts, item);
  const check = checkVoteEntry({ kind: item.kind, vote, counts, presidentId: seance.presidentId, inOffice: facts.inOffice });
  if (!check.ok) refuse(check.code, '', (check.params ?? {}) as Record<string, number>);
  if (seance.reconvenedFrom !== undefined && !quorumFor(counts.inOffice, counts.present.length, false).reached) {
    // Without quorum, a reconvened séance deliberates only on the agenda of the failed one (L2121-17).
    const failedItems = state.children('deliberations', seance.reconvenedFrom) as Deliberation[];
    if (!failedItems.some((f) => f.object === item.object && f.kind === item.kind)) refuse('vote.notOnFailedAgenda');
  }
  if (vote.appointment) {
    // The outcome is computed again from the rounds: the device's is not taken on trust.
    const members = new Map(state.children('members', seance.organisationId).map((m) => [m.id as string, m.birthDate as string | undefined]));
    const outcome = appointmentOutcome(vote.appointment, (id) => members.get(id));
    if (canonicalJson(outcome) !== canonicalJson(vote.appointment.outcome ?? null)) refuse('appointment.outcomeMismatch');
  }
}

function checkVoteCancel(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  if (!canVote(seance.status)) refuse('vote.notInProgress');
}

function checkAttachment(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  assertEditable(seance);
  if (call.after) {
    const d = state.get('deliberations', String(call.after.deliberationId));
    if (!d || d.seanceId !== seance.id) refuse('sync.badReference', 'deliberationId');
  }
}

// ---------------------------------------------------------------------------------------------
// Conventions, corrections, requests

function conventionSigned(state: CommandState, c: Convention): boolean {
  return (state.children('signatures', c.seanceId) as Signature[]).some((s) => s.subject.kind === 'convention' && s.subject.id === c.id);
}

function checkConventionCreate(call: CommandCall, state: CommandState): void {
  const c = call.after as Convention;
  const d = state.get('deliberations', c.deliberationId) as Deliberation | undefined;
  if (!d || d.seanceId !== c.seanceId) refuse('sync.badReference', 'deliberationId');
}

function checkConventionChange(call: CommandCall, state: CommandState): void {
  // The first signature locks a convention: any change would void it (docs/decisions/003).
  if (conventionSigned(state, call.before as Convention)) refuse('sync.sealed');
  assertFieldUnchanged(call, 'deliberationId');
  assertFieldUnchanged(call, 'seanceId');
}

function checkCorrectionRecord(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  if (seance.status !== 'closed') refuse(canEdit(seance.status) ? 'closing.notClosed' : 'closing.sealed');
  const c = call.after as { deliberationId: string; field: string; after: unknown; before: unknown };
  const d = state.get('deliberations', c.deliberationId);
  if (!d || d.seanceId !== seance.id) refuse('sync.badReference', 'deliberationId');
  // The record says what the act now holds: it follows the deliberation.correct it explains.
  if (canonicalJson(d![c.field] ?? '') !== canonicalJson(c.after ?? '')) refuse('closing.correctionMismatch', c.field);
  if (canonicalJson(c.before ?? '') === canonicalJson(c.after ?? '')) refuse('closing.correctionUnchanged');
}

function checkRequest(call: CommandCall, state: CommandState): void {
  const seance = requireSeance(call, state);
  const r = (call.after ?? call.before) as { subject: { kind: string; id: string } };
  if (!call.before) {
    const subject = r.subject;
    const ok =
      subject.kind === 'minutes'
        ? subject.id === seance.id
        : state.get(subject.kind === 'deliberation' ? 'deliberations' : 'conventions', subject.id)?.seanceId === seance.id;
    if (!ok) refuse('request.badSubject');
  }
}

// ---------------------------------------------------------------------------------------------
// Signatures

/**
 * Who may sign what (CGCT L2121-15 for the procès-verbal, L2121-23 for the extracts): the signer is
 * the signed-in account's member, in a capacity that is theirs in that séance; one signature per
 * act, capacity and signer; never later than its receipt, never before the séance. The device
 * signature and the content hash are then checked by the server against its records
 * (server/sync/signing.ts).
 */
export const SIGNED_AT_SKEW_MS = 5 * 60 * 1000;

function checkSignature(call: CommandCall, state: CommandState): void {
  const sig = call.after as Signature;
  const at = Date.parse(sig.signedAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(sig.signedAt) || Number.isNaN(at)) refuse('signature.badDate', 'signedAt');
  if (at > state.now().getTime() + SIGNED_AT_SKEW_MS) refuse('signature.inFuture', 'signedAt');
  let seance: Seance | undefined;
  if (sig.subject.kind === 'convention') {
    const c = state.get('conventions', sig.subject.id) as Convention | undefined;
    if (!c) return refuse('sync.badReference', 'subject');
    seance = seanceById(state, c.seanceId);
    if (sig.role !== 'party' || sig.partyIndex === undefined || sig.partyIndex >= c.parties.length) refuse('sync.invalid', 'partyIndex');
    // Named by its séance like every signature: that is where the convention's lock reads it.
    if (sig.seanceId !== c.seanceId) refuse('sync.invalid', 'seanceId');
    if (sig.signerName !== c.parties[sig.partyIndex!]!.signatoryName) refuse('signature.notSigner', 'signerName');
  } else {
    const seanceId = sig.subject.kind === 'minutes' ? sig.subject.id : String(state.get('deliberations', sig.subject.id)?.seanceId ?? '');
    seance = seanceById(state, seanceId);
    if (!seance) return refuse('sync.badReference', 'subject');
    if (sig.seanceId !== seance.id) refuse('sync.invalid', 'seanceId');
    // The procès-verbal is signed once the séance is closed, and sealing follows. An extract may
    // still be signed after the seal: it certifies a copy of exactly the sealed text.
    if (seance.status !== 'closed' && !(sig.subject.kind === 'deliberation' && isSealed(seance.status))) {
      refuse(isSealed(seance.status) ? 'sync.sealed' : 'signature.notClosed');
    }
    // The signer is the account's own member, in a capacity that is theirs in this séance.
    if (!call.actor.memberId || sig.memberId !== call.actor.memberId) refuse('signature.notSigner', 'memberId');
    const capacityOk =
      sig.role === 'president'
        ? seance.presidentId === sig.memberId
        : sig.role === 'secretary' && sig.subject.kind === 'minutes' && seance.secretaryIds.includes(sig.memberId as MemberId);
    if (!capacityOk) refuse('signature.notTheirCapacity', sig.role);
    const member = state.get('members', sig.memberId!);
    // The name printed under the signature is the member's, as the screens write it (ui/format.ts).
    if (!member || sig.signerName !== `${String(member.civility)} ${String(member.firstName)} ${String(member.lastName)}`) refuse('signature.notSigner', 'signerName');
  }
  if (seance && at < Date.parse(`${seance.date}T00:00:00Z`) - 14 * 3600_000) refuse('signature.beforeSeance', 'signedAt');
  const others = state.children('signatures', sig.seanceId ?? seance?.id ?? '') as Signature[];
  // One signature per act, capacity and signer, for a given content: after a correction the act
  // is signed again (the older signature stays, and no longer counts: it covers other content).
  // A convention is locked from its first signature, so its content never changes.
  const twin = others.find(
    (s) =>
      s.id !== sig.id && s.subject.kind === sig.subject.kind && s.subject.id === sig.subject.id && s.role === sig.role &&
      (sig.role === 'party' ? s.partyIndex === sig.partyIndex : s.memberId === sig.memberId && s.contentHash === sig.contentHash),
  );
  if (twin) refuse('sync.alreadySigned');
}

// ---------------------------------------------------------------------------------------------
// The registry

const seanceFields = ['date', 'time', 'place', 'convocationDate', 'convocationMode', 'urgencyReason', 'presidentId', 'secretaryIds'] as const;
const orgFields = ['name', 'kind', 'addressLines', 'postalCode', 'city', 'phone', 'fax', 'email', 'website', 'siret', 'openingHours', 'population', 'publicationMode', 'logo'] as const;
const memberFields = ['civility', 'firstName', 'lastName', 'birthDate'] as const;
const mandateFields = ['end', 'role', 'start', 'substituteFor'] as const;

const def = (d: CommandDef) => d;

export const COMMANDS: Readonly<Record<string, CommandDef>> = {
  // Reference data, by the administrator.
  'organisation.update': def({ table: 'organisations', effect: 'update', roles: ADMIN, fields: orgFields }),
  'organisations.resolve': def({ table: 'organisations', effect: 'update', roles: ADMIN, fields: orgFields }),
  'body.create': def({ table: 'bodies', effect: 'create', roles: ADMIN }),
  'body.update': def({ table: 'bodies', effect: 'update', roles: ADMIN, fields: ['name', 'verb'] }),
  'bodies.resolve': def({ table: 'bodies', effect: 'update', roles: ADMIN, fields: ['name', 'verb'] }),
  'member.create': def({ table: 'members', effect: 'create', roles: ADMIN }),
  'member.update': def({ table: 'members', effect: 'update', roles: ADMIN, fields: memberFields }),
  'members.resolve': def({ table: 'members', effect: 'update', roles: ADMIN, fields: memberFields }),
  'mandate.create': def({ table: 'mandates', effect: 'create', roles: ADMIN, check: checkMandate }),
  'mandate.end': def({ table: 'mandates', effect: 'update', roles: ADMIN, fields: mandateFields, check: checkMandate }),
  'mandates.resolve': def({ table: 'mandates', effect: 'update', roles: ADMIN, fields: mandateFields, check: checkMandate }),

  // The séance's lifecycle.
  'seance.create': def({ table: 'seances', effect: 'create', roles: RECORDERS, check: checkSeanceCreate }),
  'seance.update': def({ table: 'seances', effect: 'update', roles: RECORDERS, fields: seanceFields, check: checkSeanceUpdate }),
  'seances.resolve': def({ table: 'seances', effect: 'update', roles: RECORDERS, fields: seanceFields, check: checkSeanceUpdate }),
  'seance.status': def({ table: 'seances', effect: 'update', roles: RECORDERS, fields: ['status'], check: checkSeanceStatus }),
  'seance.close': def({ table: 'seances', effect: 'update', roles: RECORDERS, fields: ['status', 'frozen'], check: checkSeanceClose }),
  'seance.closeWithoutQuorum': def({
    table: 'seances', effect: 'update', roles: RECORDERS, fields: ['status', 'closedWithoutQuorum', 'frozen'], check: checkCloseWithoutQuorum,
  }),
  'seance.publish': def({ table: 'seances', effect: 'update', roles: RECORDERS, fields: ['status'], check: checkPublish }),

  // Roll-call and pouvoirs.
  'attendance.set': def({ table: 'attendance', effect: 'upsert', roles: RECORDERS, fields: ['status'], check: checkAttendance }),
  'attendance.movement': def({ table: 'attendance', effect: 'upsert', roles: RECORDERS, fields: ['movements'], check: checkAttendance }),
  'attendance.resolve': def({ table: 'attendance', effect: 'update', roles: RECORDERS, fields: ['status', 'movements'], check: checkAttendance }),
  'proxy.create': def({ table: 'proxies', effect: 'create', roles: RECORDERS, check: checkProxyCreate }),
  'proxy.revoke': def({ table: 'proxies', effect: 'update', roles: RECORDERS, fields: ['revokedAt'], check: checkProxyRevoke }),
  'proxies.resolve': def({ table: 'proxies', effect: 'update', roles: RECORDERS, fields: ['revokedAt'], check: checkProxyRevoke }),

  // The agenda and the acts.
  'deliberation.create': def({ table: 'deliberations', effect: 'create', roles: RECORDERS, check: checkDeliberationCreate }),
  'deliberation.update': def({ table: 'deliberations', effect: 'update', roles: RECORDERS, fields: DRAFT_FIELDS, check: checkDraft }),
  'deliberations.resolve': def({ table: 'deliberations', effect: 'update', roles: RECORDERS, fields: DRAFT_FIELDS, check: checkDraft }),
  'deliberation.move': def({ table: 'deliberations', effect: 'update', roles: RECORDERS, fields: ['orderNumber'], check: checkOrder(true) }),
  'deliberation.renumber': def({ table: 'deliberations', effect: 'update', roles: RECORDERS, fields: ['orderNumber'], check: checkOrder(false) }),
  'deliberation.delete': def({ table: 'deliberations', effect: 'delete', roles: RECORDERS, check: checkDeliberationDelete }),
  'deliberation.withdraw': def({ table: 'deliberations', effect: 'update', roles: RECORDERS, fields: ['withdrawn'], check: checkWithdraw }),
  'deliberation.number': def({ table: 'deliberations', effect: 'update', roles: RECORDERS, fields: ['registryNumber'], check: checkNumber }),
  'deliberation.correct': def({ table: 'deliberations', effect: 'update', roles: RECORDERS, fields: correctableFields, check: checkCorrect }),
  'vote.record': def({ table: 'votes', effect: 'upsert', roles: RECORDERS, fields: ['mode', 'yes', 'no', 'abstain', 'notVoting', 'blank', 'invalid', 'ballots', 'appointment'], check: checkVoteRecord }),
  'vote.cancel': def({ table: 'votes', effect: 'delete', roles: RECORDERS, check: checkVoteCancel }),
  'attachment.create': def({ table: 'attachments', effect: 'create', roles: RECORDERS, check: checkAttachment }),
  'attachment.delete': def({ table: 'attachments', effect: 'delete', roles: RECORDERS, check: checkAttachment }),

  // Conventions.
  'convention.create': def({ table: 'conventions', effect: 'create', roles: RECORDERS, check: checkConventionCreate }),
  'convention.update': def({ table: 'conventions', effect: 'update', roles: RECORDERS, fields: ['title', 'parties', 'text', 'attachment'], check: checkConventionChange }),
  'conventions.resolve': def({ table: 'conventions', effect: 'update', roles: RECORDERS, fields: ['title', 'parties', 'text'], check: checkConventionChange }),
  'convention.delete': def({ table: 'conventions', effect: 'delete', roles: RECORDERS, check: checkConventionChange }),

  // Corrections before sealing, and the president's requests.
  'correction.record': def({ table: 'corrections', effect: 'create', roles: RECORDERS, check: checkCorrectionRecord }),
  'correctionRequest.create': def({ table: 'correctionRequests', effect: 'create', roles: RECORDERS, check: checkRequest }),
  'correctionRequest.done': def({ table: 'correctionRequests', effect: 'update', roles: RECORDERS, fields: ['status', 'doneBy', 'doneAt'], check: checkRequest }),

  // Signatures: append-only; any signed-in account but a reader, as the member it is linked to.
  'signature.create': def({ table: 'signatures', effect: 'create', roles: RECORDERS, check: checkSignature }),

  // Conflicts are written by the server; a device only settles its own.
  'conflict.resolve': def({ table: 'conflicts', effect: 'update', roles: RECORDERS, fields: ['resolved', 'choice'] }),
};

/**
 * The fields a mutation writes. An upsert sent whole (base version 0: the device created the
 * record) onto a record that exists already (another device created it too) writes only the
 * command's own fields: the rest (its séance, its member) is the record's identity.
 */
export function effectivePatch(d: CommandDef, before: Rec | undefined, patch: Rec, baseVersion: number): Rec {
  if (d.effect !== 'upsert' || !before || baseVersion !== 0 || !d.fields) return patch;
  const out: Rec = {};
  for (const f in patch) if (d.fields.includes(f) || f === 'updatedAt') out[f] = patch[f];
  return out;
}

const BY_NAME = new Map(Object.entries(COMMANDS));
export function commandOf(name: string): CommandDef | undefined {
  return BY_NAME.get(name);
}

/**
 * The checks every command shares, then its own: the role, the table, the fields it may carry;
 * a create of a record that exists, an update of one that does not. Throws `CommandRefusal`
 * (or `NotLoaded` from a state getter).
 */
export function checkCommand(d: CommandDef, call: CommandCall, state: CommandState, key = 'id'): void {
  if (!d.roles.includes(call.actor.role)) refuse('api.forbidden');
  if (d.table !== call.table) refuse('sync.unknownCommand', call.name);
  if (d.effect === 'update' && !call.before) refuse('api.notFound');
  if ((d.effect === 'update' || (d.effect === 'upsert' && call.before)) && d.fields) {
    for (const f in call.patch) {
      if (f === 'updatedAt' || f === key || f === 'version' || d.fields.includes(f)) continue;
      // Another field may be sent only with the value it already has (a record sent whole).
      if (canonicalJson(call.before?.[f] ?? null) !== canonicalJson(call.patch[f] ?? null)) refuse('sync.fieldNotAllowed', f);
    }
  }
  d.check?.(call, state);
}
