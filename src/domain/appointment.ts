// An appointment by secret ballot (désignation, nomination: CGCT L2121-21, L2122-7): what its
// rounds must satisfy before they are recorded. The result itself is tally.appointmentResult.
//
// Each round is a ballot of every votant of the item (members present and the pouvoirs they hold,
// as for any vote: voteEntry.countsForItem), so the candidates' votes + blank + invalid ballots
// make exactly the votants. Rounds 1 and 2 need the absolute majority of votes cast (blank and
// invalid ballots are not cast), round 3 the relative majority; no round follows an election.

import type { MemberId } from './ids';
import type { Appointment } from './schemas';
import { appointmentResult, appointmentRounds } from './tally';

export const appointmentCheckCodes = [
  'appointment.missing', // mode 'appointment' without its post, candidates and rounds
  'appointment.notAppointment', // appointment details on a vote of another mode
  'appointment.notInOffice', // a candidate is not a member in office; params {index} (1-based)
  'appointment.countsMismatch', // a round's ballots do not make the votants; params {round, total, voters}
  'appointment.roundAfterElection', // a round recorded after the one that elected; params {round}
  'appointment.tooManyRounds', // more than three rounds; params {rounds}
] as const;
export type AppointmentCheckCode = (typeof appointmentCheckCodes)[number];
export type AppointmentCheck = { ok: true } | { ok: false; code: AppointmentCheckCode; params?: Record<string, number> };

/** The number of ballots of a round: candidates' votes, blank and invalid. */
export function roundBallots(round: Appointment['rounds'][number]): number {
  return roundVotesCast(round) + round.blank + round.invalid;
}

/** Suffrages exprimés of a round: the candidates' votes only (L2121-20). */
export function roundVotesCast(round: Appointment['rounds'][number]): number {
  return round.votes.reduce((s, v) => s + v.votes, 0);
}

/**
 * Checks an appointment's rounds against the item's votants and the members in office. The
 * schema has already made each count an integer and each round's votes a candidate's, once.
 */
export function checkAppointment(a: Appointment, ctx: { voters: number; inOffice: readonly MemberId[] }): AppointmentCheck {
  if (a.rounds.length > 3) return { ok: false, code: 'appointment.tooManyRounds', params: { rounds: a.rounds.length } };
  const inOffice = new Set<string>(ctx.inOffice);
  const outsider = a.candidates.findIndex((c) => !inOffice.has(c));
  if (outsider >= 0) return { ok: false, code: 'appointment.notInOffice', params: { index: outsider + 1 } };
  for (const [i, r] of a.rounds.entries()) {
    const total = roundBallots(r);
    if (total !== ctx.voters) return { ok: false, code: 'appointment.countsMismatch', params: { round: i + 1, total, voters: ctx.voters } };
  }
  // Birth dates do not matter here: only a third round, the last one, can be decided by age.
  const elected = appointmentResult(appointmentRounds(a));
  if (elected.elected !== undefined && elected.round < a.rounds.length) {
    return { ok: false, code: 'appointment.roundAfterElection', params: { round: elected.round + 1 } };
  }
  return { ok: true };
}

/** The outcome to store with the vote: computed now, with the birth dates now known. */
export function appointmentOutcome(a: Pick<Appointment, 'candidates' | 'rounds'>, birthDateOf: (id: MemberId) => string | undefined): NonNullable<Appointment['outcome']> {
  const r = appointmentResult(appointmentRounds(a, birthDateOf));
  return r.elected === undefined ? { round: r.round, byAge: r.byAge } : { elected: r.elected, round: r.round, byAge: r.byAge };
}

/** "1er", "2e", "3e": how French writes the round. */
export const roundOrdinal = (round: number) => (round === 1 ? '1er' : `${round}e`);
