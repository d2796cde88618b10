// The result of a vote (CGCT L2121-20, L2121-21) and of an appointment by secret ballot (L2122-7).
//
// Suffrages exprimés (votesCast) = yes + no: abstentions, blank and invalid ballots are not cast.
// A proposal is adopted by the absolute majority of votes cast, i.e. yes > no. On a tie the
// president's vote prevails (voix prépondérante), except in a secret ballot. A proxy holder votes
// twice: in a roll-call their vote for the giver is its own ballot (onBehalfOf = the giver).

import type { MemberId } from './ids';
import type { Appointment, Vote } from './schemas';

export type Ballot = Vote['ballots'][number];
export type Choice = Ballot['choice'];
export type RollCallCounts = { yes: number; no: number; abstain: number; notVoting: number };
export type VoteCounts = RollCallCounts & { blank: number; invalid: number };

/** Message-catalog keys returned by checkVoteCounts. */
export const voteCheckCodes = [
  'vote.invalidNumber', // a count (or voters) is negative or not an integer; params {value}
  'vote.countsMismatch', // counts (or roll-call ballots) do not add up to voters; params {total, voters}
  'vote.duplicateBallot', // a voice recorded twice in a roll-call; params {index} (0-based ballot)
  'vote.blankOnlySecret', // blank/invalid ballots outside a secret ballot; params {blank, invalid}
  'vote.ballotsNotAllowed', // named ballots in a secret ballot or an information item; params {count}
  'vote.countsNotExpected', // an information item ("prend acte") with counts; params {total}
  'vote.appointmentCounts', // an appointment with counts outside its rounds; params {total}
] as const;
export type VoteCheckCode = (typeof voteCheckCodes)[number];
export type VoteCheck = { ok: true } | { ok: false; code: VoteCheckCode; params?: Record<string, number> };

const fail = (code: VoteCheckCode, params?: Record<string, number>): VoteCheck =>
  params ? { ok: false, code, params } : { ok: false, code };
const isCount = (n: number) => Number.isInteger(n) && n >= 0;

/**
 * Checks the recorded counts of a vote against the item's `voters`: the voices that may be
 * recorded for it, members present plus proxies held (a holder counts twice), as given by the
 * attendance rules. `notVoting` (ne prend pas part) is part of that total. For a roll-call the
 * ballots are authoritative and the count fields are ignored (see voteCounts).
 */
export function checkVoteCounts(vote: Vote, voters: number): VoteCheck {
  const { yes, no, abstain, notVoting, blank, invalid } = vote;
  for (const value of [voters, yes, no, abstain, notVoting, blank, invalid]) {
    if (!isCount(value)) return fail('vote.invalidNumber', { value });
  }
  const ballots = vote.ballots;
  switch (vote.mode) {
    case 'none': {
      if (ballots.length > 0) return fail('vote.ballotsNotAllowed', { count: ballots.length });
      const total = yes + no + abstain + notVoting + blank + invalid;
      return total === 0 ? { ok: true } : fail('vote.countsNotExpected', { total });
    }
    case 'showOfHands': {
      if (blank + invalid > 0) return fail('vote.blankOnlySecret', { blank, invalid });
      const total = yes + no + abstain + notVoting;
      return total === voters ? { ok: true } : fail('vote.countsMismatch', { total, voters });
    }
    case 'secretBallot': {
      // Naming voters would break the secrecy of the ballot.
      if (ballots.length > 0) return fail('vote.ballotsNotAllowed', { count: ballots.length });
      const total = yes + no + abstain + blank + invalid + notVoting;
      return total === voters ? { ok: true } : fail('vote.countsMismatch', { total, voters });
    }
    case 'appointment': {
      // Its ballots are counted per round in `appointment` (appointment.ts checks them).
      if (ballots.length > 0) return fail('vote.ballotsNotAllowed', { count: ballots.length });
      const total = yes + no + abstain + notVoting + blank + invalid;
      return total === 0 ? { ok: true } : fail('vote.appointmentCounts', { total });
    }
    case 'rollCall': {
      if (blank + invalid > 0) return fail('vote.blankOnlySecret', { blank, invalid });
      // Each voice belongs to one member: their own, or the giver's when cast by proxy. The same
      // voice twice is a duplicate, whether the same pair is repeated, two holders vote for one
      // giver, or a giver votes in person while their holder also votes for them.
      const voices = new Set<string>();
      for (const [index, ballot] of ballots.entries()) {
        const owner = ballot.onBehalfOf ?? ballot.memberId;
        if (voices.has(owner)) return fail('vote.duplicateBallot', { index });
        voices.add(owner);
      }
      const total = ballots.length;
      return total === voters ? { ok: true } : fail('vote.countsMismatch', { total, voters });
    }
  }
}

/** Counts a public roll-call: one voice per ballot, so a proxy holder's two ballots count twice. */
export function tallyRollCall(ballots: readonly Ballot[]): RollCallCounts {
  const counts: RollCallCounts = { yes: 0, no: 0, abstain: 0, notVoting: 0 };
  for (const ballot of ballots) counts[ballot.choice] += 1;
  return counts;
}

/** The counts a result is computed from: the ballots for a roll-call, the recorded counts otherwise. */
export function voteCounts(vote: Vote): VoteCounts {
  if (vote.mode === 'rollCall') return { ...tallyRollCall(vote.ballots), blank: 0, invalid: 0 };
  const { yes, no, abstain, notVoting } = vote;
  const secret = vote.mode === 'secretBallot';
  return { yes, no, abstain, notVoting, blank: secret ? vote.blank : 0, invalid: secret ? vote.invalid : 0 };
}

/** Where an appointment stands: someone elected, another round needed, or a tie the rules cannot break. */
export type AppointmentStatus = {
  state: 'elected' | 'nextRound' | 'undecided';
  elected?: MemberId;
  /** The round that elected, or the last round recorded. */
  round: number;
  byAge: boolean;
  /** The elected member's votes in that round. */
  votes?: number;
};

export type Result = {
  /** An appointment that elected someone is 'adopted', one still open or undecided 'rejected'. */
  outcome: 'adopted' | 'rejected' | 'noted';
  /** Only for an appointment. */
  appointment?: AppointmentStatus;
  unanimity: 'unanimous' | 'unanimousOfCast' | null;
  /** True when a tie was decided by the president's yes or no (never in a secret ballot). */
  castingVoteUsed: boolean;
  votesCast: number;
  counts: VoteCounts;
};

/**
 * The outcome of a vote. `presidentChoice` is the séance president's own vote, needed only to
 * break a tie: yes adopts, no rejects; an abstaining, non-voting or unknown president leaves the
 * tie without a majority, so the proposal is rejected.
 */
export function voteResult(vote: Vote, opts: { presidentChoice?: Choice } = {}): Result {
  const counts = voteCounts(vote);
  const votesCast = counts.yes + counts.no;
  const base = { unanimity: null, castingVoteUsed: false, votesCast, counts } as const;
  if (vote.mode === 'none') return { ...base, outcome: 'noted' };
  if (vote.mode === 'appointment') {
    const status = appointmentStatus(vote.appointment);
    return { ...base, outcome: status.state === 'elected' ? 'adopted' : 'rejected', appointment: status };
  }
  if (votesCast === 0 || counts.yes < counts.no) return { ...base, outcome: 'rejected' };
  if (counts.yes === counts.no) {
    if (vote.mode === 'secretBallot') return { ...base, outcome: 'rejected' };
    const choice = opts.presidentChoice;
    if (choice === 'yes') return { ...base, outcome: 'adopted', castingVoteUsed: true };
    return { ...base, outcome: 'rejected', castingVoteUsed: choice === 'no' };
  }
  let unanimity: Result['unanimity'] = null;
  if (counts.no === 0) {
    const notCast = counts.abstain + counts.blank + counts.invalid;
    unanimity = notCast === 0 ? 'unanimous' : 'unanimousOfCast';
  }
  return { ...base, outcome: 'adopted', unanimity };
}

export type ResultLabelKey =
  | 'result.appointed'
  | 'result.appointmentNextRound'
  | 'result.appointmentUndecided'
  | 'result.adoptedUnanimous'
  | 'result.adoptedUnanimousOfCast'
  | 'result.adopted'
  | 'result.adoptedCastingVote'
  | 'result.rejected'
  | 'result.noted';

/** The catalog key of the result as printed ("Adoptée à l'unanimité", "Prend acte", …). */
export function resultLabelKey(result: Result): ResultLabelKey {
  if (result.appointment) {
    const state = result.appointment.state;
    return state === 'elected' ? 'result.appointed' : state === 'nextRound' ? 'result.appointmentNextRound' : 'result.appointmentUndecided';
  }
  if (result.outcome === 'noted') return 'result.noted';
  if (result.outcome === 'rejected') return 'result.rejected';
  if (result.unanimity === 'unanimous') return 'result.adoptedUnanimous';
  if (result.unanimity === 'unanimousOfCast') return 'result.adoptedUnanimousOfCast';
  return result.castingVoteUsed ? 'result.adoptedCastingVote' : 'result.adopted';
}

export type AppointmentRound = {
  candidates: { memberId: MemberId; votes: number; birthDate?: string }[];
  /** Suffrages exprimés of the round: blank and invalid ballots excluded. */
  votesCast: number;
};
export type AppointmentResult = { elected?: MemberId; round: number; byAge: boolean };

/**
 * An appointment by secret ballot (L2122-7): rounds 1 and 2 need the absolute majority of votes
 * cast; round 3 the relative majority, and on a tie the oldest candidate is elected. Returns the
 * first round that elects someone; without one, `elected` is undefined and `round` is the last
 * round given (0 if none): another round is needed, or, after a third-round tie between candidates
 * whose ages are unknown or equal, a decision the rules cannot make. Throws on impossible input.
 */
export function appointmentResult(rounds: readonly AppointmentRound[]): AppointmentResult {
  if (rounds.length > 3) throw new RangeError(`Une nomination a au plus trois tours (${rounds.length} reçus)`);
  for (const [i, r] of rounds.entries()) {
    const round = i + 1;
    const sum = r.candidates.reduce((s, c) => s + c.votes, 0);
    if (!isCount(r.votesCast) || r.candidates.some((c) => !isCount(c.votes)) || sum > r.votesCast) {
      throw new RangeError(`Tour ${round} : voix invalides (${sum} voix pour ${r.votesCast} suffrages exprimés)`);
    }
    const top = Math.max(0, ...r.candidates.map((c) => c.votes));
    const leaders = r.candidates.filter((c) => c.votes === top);
    if (round < 3) {
      const winner = leaders[0];
      if (winner && top > r.votesCast / 2) return { elected: winner.memberId, round, byAge: false };
      continue;
    }
    if (top === 0) return { round, byAge: false };
    if (leaders.length === 1 && leaders[0]) return { elected: leaders[0].memberId, round, byAge: false };
    const dated = leaders.map((c) => c.birthDate).filter((d): d is string => !!d).sort();
    const oldest = dated[0];
    if (dated.length !== leaders.length || oldest === undefined || dated[1] === oldest) return { round, byAge: false };
    const elected = leaders.find((c) => c.birthDate === oldest)?.memberId;
    return elected ? { elected, round, byAge: true } : { round, byAge: false };
  }
  return { round: rounds.length, byAge: false };
}

/** The rounds of a recorded appointment as appointmentResult reads them: votes cast = candidates' votes. */
export function appointmentRounds(a: Pick<Appointment, 'candidates' | 'rounds'>, birthDateOf: (id: MemberId) => string | undefined = () => undefined): AppointmentRound[] {
  return a.rounds.map((r) => {
    const candidates = a.candidates.map((memberId) => {
      const votes = r.votes.find((v) => v.memberId === memberId)?.votes ?? 0;
      const birthDate = birthDateOf(memberId);
      return birthDate ? { memberId, votes, birthDate } : { memberId, votes };
    });
    return { candidates, votesCast: candidates.reduce((s, c) => s + c.votes, 0) };
  });
}

/**
 * Where an appointment stands. The outcome stored with the vote (computed when it was recorded,
 * with the birth dates then known, and signed with the act) is authoritative; without one (a record
 * from elsewhere) it is computed from the rounds alone, so a tie is then never broken by age.
 */
export function appointmentStatus(a: Appointment | undefined): AppointmentStatus {
  if (!a || a.rounds.length === 0) return { state: 'nextRound', round: 0, byAge: false };
  const outcome = a.outcome ?? appointmentResult(appointmentRounds(a));
  const last = a.rounds.length;
  if (outcome.elected === undefined) {
    return { state: last < 3 ? 'nextRound' : 'undecided', round: last, byAge: false };
  }
  const votes = a.rounds[outcome.round - 1]?.votes.find((v) => v.memberId === outcome.elected)?.votes ?? 0;
  return { state: 'elected', elected: outcome.elected, round: outcome.round, byAge: outcome.byAge, votes };
}
