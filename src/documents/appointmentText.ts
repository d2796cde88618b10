import { roundBallots, roundOrdinal, roundVotesCast } from '../domain/appointment';
import type { MemberId } from '../domain/ids';
import type { Member, Vote } from '../domain/schemas';
import type { AppointmentStatus } from '../domain/tally';
import { frText } from '../i18n/fr/all';
import { genderOf } from '../i18n/gender';
import { L } from './labels.fr';
import { text, type Block } from './model';

/*
 * How an appointment by secret ballot is printed: for each round the votants, blank and invalid
 * ballots, votes cast and what each candidate obtained, then who is proclaimed elected and why
 * (absolute majority, relative majority in the third round, or age on a third-round tie).
 */

type MemberOf = (id: MemberId) => Pick<Member, 'civility' | 'firstName' | 'lastName'> | undefined;
const nameOf = (member: MemberOf, id: MemberId) => {
  const m = member(id);
  return m ? `${m.civility}\u00A0${m.firstName} ${m.lastName}` : id;
};

/** The result line of an appointment, in the UI's words ("Élue au 2e tour : Mme A (9 voix)"). */
export function appointmentLabel(status: AppointmentStatus, member: MemberOf): string {
  if (status.state === 'elected' && status.elected) {
    const params = {
      ordinal: roundOrdinal(status.round),
      name: nameOf(member, status.elected),
      votes: status.votes ?? 0,
      gender: genderOf(member(status.elected)?.civility),
    };
    return frText(status.byAge ? 'appointment.electedByAge' : 'appointment.elected', params);
  }
  if (status.state === 'nextRound') return frText('appointment.nextRound', { ordinal: roundOrdinal(status.round + 1) });
  return frText('appointment.undecided');
}

/** The rounds and the outcome, as the act and the procès-verbal print them. */
export function appointmentBlocks(vote: Vote, status: AppointmentStatus, member: MemberOf): Block[] {
  const a = vote.appointment;
  if (!a) return [];
  const blocks: Block[] = [text('main', L.appointmentHeading(a.office), { bold: true, gapBefore: 1, keepWithNext: true })];
  a.rounds.forEach((r, i) => {
    const round = i + 1;
    const cast = roundVotesCast(r);
    blocks.push(text('main', L.appointmentRound(roundOrdinal(round)), { bold: true, gapBefore: 0.5, keepWithNext: true }));
    // The round's ballots, which the store made equal to the item's votants.
    blocks.push(text('main', L.appointmentCounts(roundBallots(r), r.blank, r.invalid, cast)));
    if (round < 3) blocks.push(text('main', L.appointmentMajority(Math.floor(cast / 2) + 1)));
    const obtained = [...r.votes].filter((v) => v.votes > 0).sort((x, y) => y.votes - x.votes)
      .map((v) => L.appointmentVotes(nameOf(member, v.memberId), v.votes));
    if (obtained.length > 0) blocks.push(text('main', L.appointmentObtained(obtained)));
    // A round that elected no one, with a round after it (recorded, or still to come).
    const electedHere = status.state === 'elected' && status.round === round;
    const another = round < a.rounds.length || status.state === 'nextRound';
    if (round < 3 && !electedHere && another) blocks.push(text('main', L.appointmentNextRound(roundOrdinal(round + 1))));
  });
  if (status.state === 'elected' && status.elected) {
    const m = member(status.elected);
    const how = status.byAge ? 'age' : status.round < 3 ? 'absolute' : 'relative';
    blocks.push(text('main', L.appointmentElected(nameOf(member, status.elected), m?.civility === 'Mme', a.office, how), { bold: true, gapBefore: 0.5 }));
  } else if (status.state === 'undecided') {
    blocks.push(text('main', L.appointmentUndecided, { bold: true, gapBefore: 0.5 }));
  }
  return blocks;
}
