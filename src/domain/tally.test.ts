import { describe, expect, it } from 'vitest';
import type { DeliberationId, MemberId } from './ids';
import type { Vote } from './schemas';
import { appointmentResult, checkVoteCounts, resultLabelKey, tallyRollCall, voteResult } from './tally';
import type { Ballot } from './tally';

const m = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}` as MemberId;
const vote = (v: Partial<Vote> & Pick<Vote, 'mode'>): Vote => ({
  deliberationId: '0190a000-0000-7000-8000-999999999999' as DeliberationId,
  yes: 0, no: 0, abstain: 0, notVoting: 0, blank: 0, invalid: 0, ballots: [], version: 0, updatedAt: '',
  ...v,
});
const hands = (yes: number, no: number, abstain = 0, notVoting = 0) =>
  vote({ mode: 'showOfHands', yes, no, abstain, notVoting });
const ballot = (member: number, choice: Ballot['choice'], giver?: number): Ballot =>
  giver === undefined ? { memberId: m(member), choice } : { memberId: m(member), choice, onBehalfOf: m(giver) };

describe('checkVoteCounts', () => {
  it('accepts show-of-hands counts adding up to the votants, notVoting included', () => {
    expect(checkVoteCounts(hands(6, 0), 6)).toEqual({ ok: true });
    expect(checkVoteCounts(hands(3, 1, 1, 1), 6)).toEqual({ ok: true });
  });
  it('refuses counts that do not add up to the votants', () => {
    expect(checkVoteCounts(hands(5, 0), 6)).toEqual({ ok: false, code: 'vote.countsMismatch', params: { total: 5, voters: 6 } });
    expect(checkVoteCounts(hands(5, 1, 1), 6)).toMatchObject({ ok: false, code: 'vote.countsMismatch', params: { total: 7 } });
  });
  it('refuses negative and non-integer numbers', () => {
    expect(checkVoteCounts(hands(-1, 7), 6)).toMatchObject({ ok: false, code: 'vote.invalidNumber' });
    expect(checkVoteCounts(hands(2.5, 3.5), 6)).toMatchObject({ ok: false, code: 'vote.invalidNumber' });
    expect(checkVoteCounts(hands(6, 0), Number.NaN)).toMatchObject({ ok: false, code: 'vote.invalidNumber' });
  });
  it('refuses blank or invalid ballots outside a secret ballot', () => {
    expect(checkVoteCounts(vote({ mode: 'showOfHands', yes: 5, blank: 1 }), 5)).toMatchObject({ code: 'vote.blankOnlySecret' });
  });
  it('counts blank, invalid and abstentions in a secret ballot', () => {
    const v = vote({ mode: 'secretBallot', yes: 4, no: 2, abstain: 0, blank: 1, invalid: 1, notVoting: 1 });
    expect(checkVoteCounts(v, 9)).toEqual({ ok: true });
    expect(checkVoteCounts(v, 8)).toMatchObject({ ok: false, code: 'vote.countsMismatch', params: { total: 9, voters: 8 } });
  });
  it('refuses named ballots in a secret ballot', () => {
    const v = vote({ mode: 'secretBallot', yes: 1, ballots: [ballot(1, 'yes')] });
    expect(checkVoteCounts(v, 1)).toMatchObject({ ok: false, code: 'vote.ballotsNotAllowed' });
  });
  it('needs one roll-call ballot per voice', () => {
    const ballots = [ballot(1, 'yes'), ballot(2, 'no'), ballot(3, 'abstain')];
    expect(checkVoteCounts(vote({ mode: 'rollCall', ballots }), 3)).toEqual({ ok: true });
    expect(checkVoteCounts(vote({ mode: 'rollCall', ballots }), 4)).toMatchObject({ code: 'vote.countsMismatch', params: { total: 3, voters: 4 } });
  });
  it('accepts a proxy holder voting twice in a roll-call', () => {
    const ballots = [ballot(1, 'yes'), ballot(1, 'yes', 2), ballot(3, 'no')];
    expect(checkVoteCounts(vote({ mode: 'rollCall', ballots }), 3)).toEqual({ ok: true });
  });
  it.each([
    ['the same member twice', [ballot(1, 'yes'), ballot(1, 'no')]],
    ['the same proxy twice', [ballot(1, 'yes', 2), ballot(1, 'no', 2)]],
    ['two holders for one giver', [ballot(1, 'yes', 2), ballot(3, 'no', 2)]],
    ['a giver voting in person and by proxy', [ballot(2, 'yes'), ballot(1, 'yes', 2)]],
  ])('refuses a duplicate roll-call voice: %s', (_, ballots) => {
    expect(checkVoteCounts(vote({ mode: 'rollCall', ballots }), 2)).toEqual({
      ok: false, code: 'vote.duplicateBallot', params: { index: 1 },
    });
  });
  it('needs all counts at zero for an information item', () => {
    expect(checkVoteCounts(vote({ mode: 'none' }), 6)).toEqual({ ok: true });
    expect(checkVoteCounts(vote({ mode: 'none', yes: 1 }), 6)).toMatchObject({ code: 'vote.countsNotExpected', params: { total: 1 } });
  });
});

describe('tallyRollCall', () => {
  it('counts a proxy holder twice', () => {
    const ballots = [ballot(1, 'yes'), ballot(1, 'yes', 2), ballot(3, 'no'), ballot(4, 'abstain'), ballot(5, 'notVoting')];
    expect(tallyRollCall(ballots)).toEqual({ yes: 2, no: 1, abstain: 1, notVoting: 1 });
  });
});

describe('voteResult', () => {
  it('6 pour, 0 contre, 0 abstention: adopted unanimously', () => {
    const r = voteResult(hands(6, 0, 0));
    expect(r).toMatchObject({ outcome: 'adopted', unanimity: 'unanimous', castingVoteUsed: false, votesCast: 6 });
    expect(resultLabelKey(r)).toBe('result.adoptedUnanimous');
  });
  it('a member not taking part does not break unanimity', () => {
    expect(voteResult(hands(5, 0, 0, 1)).unanimity).toBe('unanimous');
  });
  it('5 pour, 0 contre, 1 abstention: unanimity of votes cast', () => {
    const r = voteResult(hands(5, 0, 1));
    expect(r).toMatchObject({ outcome: 'adopted', unanimity: 'unanimousOfCast', votesCast: 5 });
    expect(resultLabelKey(r)).toBe('result.adoptedUnanimousOfCast');
  });
  it('a blank ballot gives unanimity of votes cast in a secret ballot', () => {
    expect(voteResult(vote({ mode: 'secretBallot', yes: 5, blank: 1 })).unanimity).toBe('unanimousOfCast');
  });
  it('5 pour, 1 contre: adopted', () => {
    const r = voteResult(hands(5, 1));
    expect(r).toMatchObject({ outcome: 'adopted', unanimity: null, votesCast: 6 });
    expect(resultLabelKey(r)).toBe('result.adopted');
  });
  it('4/4 by show of hands, president pour: adopted with the casting vote', () => {
    const r = voteResult(hands(4, 4), { presidentChoice: 'yes' });
    expect(r).toMatchObject({ outcome: 'adopted', castingVoteUsed: true, unanimity: null });
    expect(resultLabelKey(r)).toBe('result.adoptedCastingVote');
  });
  it('4/4, president contre: rejected by the casting vote', () => {
    expect(voteResult(hands(4, 4), { presidentChoice: 'no' })).toMatchObject({ outcome: 'rejected', castingVoteUsed: true });
  });
  it.each([['abstain' as const], ['notVoting' as const], [undefined]])('4/4, president %s: rejected', (presidentChoice) => {
    const r = voteResult(hands(4, 4, 1), presidentChoice ? { presidentChoice } : {});
    expect(r).toMatchObject({ outcome: 'rejected', castingVoteUsed: false });
  });
  it('4/4 in a secret ballot: rejected, no casting vote', () => {
    const r = voteResult(vote({ mode: 'secretBallot', yes: 4, no: 4 }), { presidentChoice: 'yes' });
    expect(r).toMatchObject({ outcome: 'rejected', castingVoteUsed: false });
    expect(resultLabelKey(r)).toBe('result.rejected');
  });
  it('3 pour, 4 contre: rejected', () => {
    expect(voteResult(hands(3, 4), { presidentChoice: 'yes' })).toMatchObject({ outcome: 'rejected', castingVoteUsed: false });
  });
  it('no vote cast: rejected', () => {
    expect(voteResult(hands(0, 0, 6))).toMatchObject({ outcome: 'rejected', votesCast: 0 });
  });
  it('abstentions do not count against: 2 pour, 1 contre, 5 abstentions is adopted', () => {
    expect(voteResult(hands(2, 1, 5)).outcome).toBe('adopted');
  });
  it('a roll-call is counted from its ballots, a proxy holder twice', () => {
    const ballots = [ballot(1, 'yes'), ballot(1, 'yes', 2), ballot(3, 'no')];
    const r = voteResult(vote({ mode: 'rollCall', ballots }));
    expect(r).toMatchObject({ outcome: 'adopted', votesCast: 3, counts: { yes: 2, no: 1, abstain: 0, notVoting: 0 } });
  });
  it('an information item is noted', () => {
    const r = voteResult(vote({ mode: 'none' }));
    expect(r).toMatchObject({ outcome: 'noted', unanimity: null, votesCast: 0 });
    expect(resultLabelKey(r)).toBe('result.noted');
  });
});

describe('appointmentResult', () => {
  const c = (n: number, votes: number, birthDate?: string) => (birthDate ? { memberId: m(n), votes, birthDate } : { memberId: m(n), votes });
  it('elects in the first round with the absolute majority', () => {
    expect(appointmentResult([{ votesCast: 9, candidates: [c(1, 5), c(2, 4)] }])).toEqual({ elected: m(1), round: 1, byAge: false });
  });
  it('half of the votes is not an absolute majority', () => {
    expect(appointmentResult([{ votesCast: 8, candidates: [c(1, 4), c(2, 3)] }])).toEqual({ round: 1, byAge: false });
  });
  it('elects in the second round with the absolute majority', () => {
    const rounds = [
      { votesCast: 9, candidates: [c(1, 4), c(2, 3), c(3, 2)] },
      { votesCast: 9, candidates: [c(1, 5), c(2, 4)] },
    ];
    expect(appointmentResult(rounds)).toEqual({ elected: m(1), round: 2, byAge: false });
  });
  it('elects in the third round with the relative majority', () => {
    const r = { votesCast: 9, candidates: [c(1, 4), c(2, 3), c(3, 2)] };
    expect(appointmentResult([r, r, r])).toEqual({ elected: m(1), round: 3, byAge: false });
  });
  it('a third-round tie elects the oldest', () => {
    const r = { votesCast: 8, candidates: [c(1, 4, '1970-05-01'), c(2, 4, '1958-02-11')] };
    expect(appointmentResult([r, r, r])).toEqual({ elected: m(2), round: 3, byAge: true });
  });
  it('a third-round tie with an unknown birth date is left undecided', () => {
    const r = { votesCast: 8, candidates: [c(1, 4, '1970-05-01'), c(2, 4)] };
    expect(appointmentResult([r, r, r])).toEqual({ round: 3, byAge: false });
  });
  it('refuses more than three rounds and more votes than votes cast', () => {
    const r = { votesCast: 8, candidates: [c(1, 4)] };
    expect(() => appointmentResult([r, r, r, r])).toThrow(RangeError);
    expect(() => appointmentResult([{ votesCast: 3, candidates: [c(1, 2), c(2, 2)] }])).toThrow(/4 voix/);
  });
});
