import { describe, expect, it } from 'vitest';
import { appointmentOutcome, checkAppointment } from './appointment';
import type { DeliberationId, MemberId } from './ids';
import { deliberationContent } from './signedContent';
import { AppointmentSchema, VoteSchema, type Appointment } from './schemas';
import { appointmentStatus, resultLabelKey, voteResult } from './tally';

const m = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}` as MemberId;
const delib = '0190a000-0000-7000-8000-999999999999' as DeliberationId;
const round = (votes: number[], blank = 0, invalid = 0) => ({ votes: votes.map((v, i) => ({ memberId: m(i + 1), votes: v })), blank, invalid });
const appointment = (rounds: ReturnType<typeof round>[], candidates = 2): Appointment => ({
  office: 'délégué titulaire au SIVU des écoles',
  candidates: Array.from({ length: candidates }, (_, i) => m(i + 1)),
  rounds,
});
const inOffice = [m(1), m(2), m(3)];

describe('AppointmentSchema and VoteSchema', () => {
  it('round-trips an appointment vote, and keeps an older vote without the field', () => {
    const vote = VoteSchema.parse({ deliberationId: delib, mode: 'appointment', appointment: appointment([round([9, 5], 1)]) });
    expect(VoteSchema.parse(JSON.parse(JSON.stringify(vote)))).toEqual(vote);
    expect(vote.appointment?.rounds[0]).toEqual(round([9, 5], 1));
    const old = VoteSchema.parse({ deliberationId: delib, mode: 'showOfHands', yes: 6 });
    expect('appointment' in old).toBe(false);
  });

  it('refuses bad counts, too many rounds or candidates, and votes for a non-candidate', () => {
    const bad = (a: unknown) => AppointmentSchema.safeParse(a).error?.issues[0]?.message;
    expect(AppointmentSchema.safeParse(appointment([round([-1, 5])])).success).toBe(false);
    expect(AppointmentSchema.safeParse(appointment([round([1.5, 5])])).success).toBe(false);
    expect(AppointmentSchema.safeParse(appointment([round([1001, 5])])).success).toBe(false);
    expect(bad(appointment([round([4, 4]), round([4, 4]), round([4, 4]), round([4, 4])]))).toBe('appointment.tooManyRounds');
    expect(bad({ ...appointment([round([1])]), candidates: [] })).toBe('appointment.noCandidate');
    expect(bad({ ...appointment([round([1])]), candidates: Array.from({ length: 21 }, (_, i) => m(i + 1)) })).toBe('appointment.tooManyCandidates');
    expect(bad(appointment([round([4, 4, 1])]))).toBe('appointment.votesNotCandidates');
    expect(bad({ ...appointment([round([1])]), candidates: [m(1), m(1)] })).toBe('appointment.duplicateCandidate');
    expect(bad({ ...appointment([round([1])]), office: '' })).toBe('error.required');
    expect(bad({ ...appointment([round([1])]), office: 'x'.repeat(201) })).toBe('error.tooLong');
  });
});

describe('checkAppointment', () => {
  it('accepts rounds whose ballots make the votants', () => {
    expect(checkAppointment(appointment([round([9, 5], 1)]), { voters: 15, inOffice })).toEqual({ ok: true });
  });
  it('refuses a round that does not make the votants, naming the round', () => {
    const a = appointment([round([7, 7], 1), round([8, 5], 1)]);
    expect(checkAppointment(a, { voters: 15, inOffice })).toEqual({ ok: false, code: 'appointment.countsMismatch', params: { round: 2, total: 14, voters: 15 } });
  });
  it('refuses a candidate who is not in office', () => {
    expect(checkAppointment(appointment([round([5, 4])]), { voters: 9, inOffice: [m(1)] }))
      .toEqual({ ok: false, code: 'appointment.notInOffice', params: { index: 2 } });
  });
  it('refuses a round after an election, and a fourth round', () => {
    expect(checkAppointment(appointment([round([6, 3]), round([5, 4])]), { voters: 9, inOffice }))
      .toEqual({ ok: false, code: 'appointment.roundAfterElection', params: { round: 2 } });
    const r = round([4, 4]);
    expect(checkAppointment(appointment([r, r, r, r]), { voters: 8, inOffice })).toMatchObject({ code: 'appointment.tooManyRounds' });
  });
  it('absolute majority is of votes cast: blank and invalid ballots excluded', () => {
    // 7 of 13 cast is a majority, though 7 of the 15 votants is not.
    const a = appointment([round([7, 6], 1, 1)]);
    expect(checkAppointment(a, { voters: 15, inOffice })).toEqual({ ok: true });
    expect(appointmentOutcome(a, () => undefined)).toEqual({ elected: m(1), round: 1, byAge: false });
  });
});

describe('appointment result', () => {
  const status = (a: Appointment, birth: Record<string, string> = {}) =>
    appointmentStatus({ ...a, outcome: appointmentOutcome(a, (id) => birth[id]) });

  it('elected in round 1', () => {
    expect(status(appointment([round([9, 5], 1)]))).toEqual({ state: 'elected', elected: m(1), round: 1, byAge: false, votes: 9 });
  });
  it('no absolute majority in round 1: another round', () => {
    expect(status(appointment([round([7, 7], 1)]))).toEqual({ state: 'nextRound', round: 1, byAge: false });
  });
  it('elected in round 2', () => {
    expect(status(appointment([round([7, 7], 1), round([6, 8], 1)]))).toEqual({ state: 'elected', elected: m(2), round: 2, byAge: false, votes: 8 });
  });
  it('elected in round 3 at the relative majority', () => {
    const r = round([5, 4, 6], 0);
    expect(status(appointment([r, r, r], 3))).toEqual({ state: 'elected', elected: m(3), round: 3, byAge: false, votes: 6 });
  });
  it('a third-round tie is won by the oldest', () => {
    const r = round([7, 7], 1);
    expect(status(appointment([r, r, r]), { [m(1)]: '1970-05-01', [m(2)]: '1958-02-11' }))
      .toEqual({ state: 'elected', elected: m(2), round: 3, byAge: true, votes: 7 });
  });
  it('a third-round tie with an unknown or equal age is undecided', () => {
    const r = round([7, 7], 1);
    expect(status(appointment([r, r, r]), { [m(1)]: '1970-05-01' })).toEqual({ state: 'undecided', round: 3, byAge: false });
    expect(status(appointment([r, r, r]), { [m(1)]: '1970-05-01', [m(2)]: '1970-05-01' })).toMatchObject({ state: 'undecided' });
  });
  it('the stored outcome is authoritative: a later birth date does not change a signed result', () => {
    const r = round([7, 7], 1);
    const a = { ...appointment([r, r, r]), outcome: { elected: m(2), round: 3, byAge: true } };
    expect(appointmentStatus(a)).toMatchObject({ state: 'elected', elected: m(2), byAge: true });
  });
  it('gives a result label and an outcome the liste reads', () => {
    const vote = VoteSchema.parse({ deliberationId: delib, mode: 'appointment', appointment: { ...appointment([round([9, 5], 1)]), outcome: { elected: m(1), round: 1, byAge: false } } });
    const result = voteResult(vote);
    expect(result.outcome).toBe('adopted');
    expect(resultLabelKey(result)).toBe('result.appointed');
    const open = VoteSchema.parse({ deliberationId: delib, mode: 'appointment', appointment: appointment([round([7, 7], 1)]) });
    expect(resultLabelKey(voteResult(open))).toBe('result.appointmentNextRound');
  });
});

describe('signed content', () => {
  it('includes the rounds and the outcome of an appointment', () => {
    const vote = VoteSchema.parse({ deliberationId: delib, mode: 'appointment', appointment: { ...appointment([round([9, 5], 1)]), outcome: { elected: m(1), round: 1, byAge: false } } });
    const content = deliberationContent({ id: delib } as never, vote) as { vote: { appointment: Appointment } };
    expect(content.vote.appointment.rounds).toEqual([round([9, 5], 1)]);
    expect(content.vote.appointment.outcome).toEqual({ elected: m(1), round: 1, byAge: false });
  });
  it('leaves the content of another vote without an appointment key (byte-identical signatures)', () => {
    const vote = VoteSchema.parse({ deliberationId: delib, mode: 'showOfHands', yes: 6 });
    expect(Object.keys(deliberationContent({ id: delib } as never, vote).vote as object)).not.toContain('appointment');
  });
});
