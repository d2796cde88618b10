import { checkAppointment, type AppointmentCheck } from './appointment';
import { itemCounts, type ItemCounts } from './attendance';
import type { MemberId } from './ids';
import type { Attendance, Deliberation, Proxy, Seance, Vote } from './schemas';
import { checkVoteCounts, voteResult, type Choice, type Result, type VoteCheck } from './tally';

/*
 * What a vote recorded for one agenda item must satisfy, on top of the arithmetic of
 * checkVoteCounts (tally.ts).
 *
 * Counts and "ne prend pas part" — the definition used throughout:
 * - The item's votants are itemCounts().voters = members present at the item and taking part
 *   + members represented by a pouvoir held by one of them (a holder carries two voices).
 * - A member withdrawn for a personal interest (Deliberation.withdrawn, CGCT L2131-11) leaves the
 *   room for the item: they are counted neither for the quorum nor among the votants, and are
 *   named as "ne prend pas part" on the item; their pouvoir, if they hold one, is lost for it.
 * - Vote.notVoting counts the votants who stay in the room but declare they take no part in this
 *   vote. So, by show of hands: pour + contre + abstention + ne prend pas part = votants; in a
 *   secret ballot blank and null ballots are added to that sum; in a roll-call each voice of the
 *   item has exactly one ballot. Suffrages exprimés are pour + contre only (L2121-20).
 *
 * The president's casting vote (voix prépondérante) needs to know how the president voted. In a
 * roll-call it is their own ballot; by show of hands it is recorded as a single ballot of the
 * president in Vote.ballots (the counts stay authoritative, see tally.voteCounts). It is never used
 * in a secret ballot, where a tie rejects the proposal.
 */

export type VoteEntryCode =
  | 'vote.noQuorum'
  | 'vote.modeRequired'
  | 'vote.informationNoVote'
  | 'vote.notAVoter'
  | 'vote.castingVoteNeeded'
  | 'vote.castingVoteNoPresident'
  | 'vote.castingVoteInconsistent'
  | 'vote.showOfHandsBallots';
export type VoteEntryCheck = VoteCheck | AppointmentCheck | { ok: false; code: VoteEntryCode; params?: Record<string, number> };

/** What the counts of any item of a séance are computed from (e.g. the store's SeanceContext). */
export interface SeanceFacts {
  seance: Pick<Seance, 'id' | 'reconvenedFrom'>;
  inOffice: readonly MemberId[];
  attendance: readonly Attendance[];
  proxies: readonly Proxy[];
}

/** The counts of one item: its own presence, withdrawals and quorum (attendance.itemCounts). */
export function countsForItem(facts: SeanceFacts, item: Pick<Deliberation, 'orderNumber' | 'withdrawn'>): ItemCounts {
  return itemCounts({
    inOffice: facts.inOffice,
    attendance: facts.attendance,
    proxies: facts.proxies,
    seanceId: facts.seance.id,
    orderNumber: item.orderNumber,
    withdrawn: item.withdrawn,
    reconvened: facts.seance.reconvenedFrom !== undefined,
  });
}

/** One voice of a public roll-call: a member present, or a holder voting for the giver. */
export interface Voice {
  memberId: MemberId;
  onBehalfOf?: MemberId;
}

const voiceKey = (v: { memberId: string; onBehalfOf?: string | undefined }) => `${v.memberId}>${v.onBehalfOf ?? ''}`;

/** Every voice of the item, in roll-call order: each member present, then the pouvoir they hold. */
export function rollCallVoices(counts: Pick<ItemCounts, 'present' | 'represented'>): Voice[] {
  const byHolder = new Map(counts.represented.map((r) => [r.holder, r.giver]));
  return counts.present.flatMap((memberId) => {
    const giver = byHolder.get(memberId);
    return giver ? [{ memberId }, { memberId, onBehalfOf: giver }] : [{ memberId }];
  });
}

/** The séance president's own choice, recorded as their ballot (not one cast for a giver). */
export function presidentChoice(vote: Pick<Vote, 'ballots'>, presidentId: string | undefined): Choice | undefined {
  if (!presidentId) return undefined;
  return vote.ballots.find((b) => b.memberId === presidentId && b.onBehalfOf === undefined)?.choice;
}

/** True when a tie must be broken by the president's vote: yes = no > 0, not in secret ballot. */
export function needsCastingVote(vote: Vote): boolean {
  if (vote.mode === 'none' || vote.mode === 'secretBallot') return false;
  const { yes, no } = voteResult(vote).counts;
  return yes === no && yes > 0;
}

export interface VoteEntryInput {
  kind: Deliberation['kind'];
  vote: Vote;
  counts: ItemCounts;
  /** The séance's president (Seance.presidentId). */
  presidentId?: string | undefined;
  /** The members in office: an appointment's candidates must be among them. */
  inOffice?: readonly MemberId[];
}

/**
 * Checks a vote before it is recorded: a vote for a deliberation and none for an information
 * item; no vote without quorum unless the séance is a reconvened one (itemCounts waives it);
 * counts that add up to the votants (checkVoteCounts); roll-call ballots cast only by the
 * item's voices; an appointment's rounds (appointment.checkAppointment); and, on a tie outside
 * a secret ballot, the president's vote when they sit.
 */
export function checkVoteEntry({ kind, vote, counts, presidentId, inOffice = [] }: VoteEntryInput): VoteEntryCheck {
  if (kind === 'information') {
    // "Prend acte": nothing is put to the vote, so neither quorum nor counts apply.
    return vote.mode === 'none' ? checkVoteCounts(vote, counts.voters) : { ok: false, code: 'vote.informationNoVote' };
  }
  if (vote.mode === 'none') return { ok: false, code: 'vote.modeRequired' };
  if (!counts.quorum.reached) {
    return { ok: false, code: 'vote.noQuorum', params: { present: counts.quorum.present, required: counts.quorum.required } };
  }
  const arithmetic = checkVoteCounts(vote, counts.voters);
  if (!arithmetic.ok) return arithmetic;
  if (vote.mode !== 'appointment' && vote.appointment) return { ok: false, code: 'appointment.notAppointment' };
  if (vote.mode === 'appointment') {
    // A secret ballot: no casting vote, no names; each round is checked against the votants.
    if (!vote.appointment) return { ok: false, code: 'appointment.missing' };
    return checkAppointment(vote.appointment, { voters: counts.voters, inOffice });
  }

  if (vote.mode === 'rollCall') {
    const allowed = new Set(rollCallVoices(counts).map(voiceKey));
    const index = vote.ballots.findIndex((b) => !allowed.has(voiceKey(b)));
    if (index >= 0) return { ok: false, code: 'vote.notAVoter', params: { index: index + 1 } };
  }
  if (vote.mode === 'showOfHands') {
    const onlyPresident = vote.ballots.length === 0 ||
      (vote.ballots.length === 1 && vote.ballots[0]?.memberId === presidentId && vote.ballots[0]?.onBehalfOf === undefined);
    if (!onlyPresident) return { ok: false, code: 'vote.showOfHandsBallots' };
  }

  if (needsCastingVote(vote)) {
    // Rejecting a tie for want of knowing the president is a known mistake (docs/architecture.md §3).
    if (!presidentId) return { ok: false, code: 'vote.castingVoteNoPresident' };
    const presides = presidentId !== undefined && counts.present.includes(presidentId as MemberId);
    const choice = presidentChoice(vote, presidentId);
    // A president away from the item (withdrawn, left) cannot break the tie: the séance record
    // does not name who presided in the meantime, so the proposal then lacks a majority.
    if (presides && choice === undefined) return { ok: false, code: 'vote.castingVoteNeeded' };
    if (vote.mode === 'showOfHands' && choice !== undefined && vote[choice] < 1) {
      return { ok: false, code: 'vote.castingVoteInconsistent' };
    }
  }
  return { ok: true };
}

/**
 * The result of an item: "prend acte" for an information item (vote or not), the result of its
 * vote for a deliberation, undefined for a deliberation not voted yet.
 */
export function itemResult(
  kind: Deliberation['kind'],
  vote: Vote | undefined,
  presidentId: string | undefined,
): Result | undefined {
  if (kind === 'information') {
    return voteResult(vote ?? { deliberationId: '' as Vote['deliberationId'], mode: 'none', yes: 0, no: 0, abstain: 0, notVoting: 0, blank: 0, invalid: 0, ballots: [], version: 0, updatedAt: '' });
  }
  if (!vote) return undefined;
  const choice = presidentChoice(vote, presidentId);
  return voteResult(vote, choice === undefined ? {} : { presidentChoice: choice });
}
