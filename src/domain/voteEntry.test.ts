import { describe, expect, it } from 'vitest';
import { itemCounts } from './attendance';
import type { BodyId, DeliberationId, MemberId, OrganisationId, ProxyId, SeanceId } from './ids';
import type { Attendance, Proxy, Vote } from './schemas';
import type { Ballot } from './tally';
import { checkVoteEntry, itemResult, needsCastingVote, presidentChoice, rollCallVoices } from './voteEntry';

const m = (s: string) => s as MemberId;
const seanceId = 'seance-1' as SeanceId;
const nine = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map(m);
const president = 'a';

const att = (id: string, status: Attendance['status']): Attendance => ({
  id: `${seanceId}:${id}`, seanceId, memberId: m(id), status, movements: [], version: 0, updatedAt: '',
});
const proxy = (giver: string, holder: string): Proxy => ({
  id: `p-${giver}` as ProxyId, organisationId: 'o' as OrganisationId, bodyId: 'b' as BodyId, giverId: m(giver), holderId: m(holder),
  seanceIds: [seanceId], writtenOn: '2011-11-01', illness: false, version: 0, updatedAt: '',
});
/** The seed séance: 9 in office, a–f present, g h i absent. */
const roll = (present: string[], extra: Attendance[] = []) =>
  [...nine.filter((id) => !present.includes(id)).map((id) => att(id, 'absent')), ...present.map((id) => att(id, 'present')), ...extra];
const counts = (present: string[], opts: { proxies?: Proxy[]; withdrawn?: string[]; reconvened?: boolean } = {}) =>
  itemCounts({
    inOffice: nine, attendance: roll(present), proxies: opts.proxies ?? [], seanceId, orderNumber: 4,
    withdrawn: (opts.withdrawn ?? []).map(m), reconvened: opts.reconvened ?? false,
  });
const six = ['a', 'b', 'c', 'd', 'e', 'f'];

const vote = (v: Partial<Vote> & Pick<Vote, 'mode'>): Vote => ({
  deliberationId: 'd' as DeliberationId, yes: 0, no: 0, abstain: 0, notVoting: 0, blank: 0, invalid: 0, ballots: [],
  version: 0, updatedAt: '', ...v,
});
const ballot = (member: string, choice: Ballot['choice'], giver?: string): Ballot =>
  giver ? { memberId: m(member), choice, onBehalfOf: m(giver) } : { memberId: m(member), choice };
const check = (v: Vote, c = counts(six), kind: 'deliberation' | 'information' = 'deliberation') =>
  checkVoteEntry({ kind, vote: v, counts: c, presidentId: president });

describe('checkVoteEntry: the seed deliberation, 6 present of 9', () => {
  it('accepts 6 pour by show of hands', () => {
    expect(check(vote({ mode: 'showOfHands', yes: 6 }))).toEqual({ ok: true });
  });
  it('refuses 5 pour: the counts must add up to the 6 votants', () => {
    expect(check(vote({ mode: 'showOfHands', yes: 5 }))).toEqual({ ok: false, code: 'vote.countsMismatch', params: { total: 5, voters: 6 } });
  });
  it('counts "ne prend pas part" among the votants', () => {
    expect(check(vote({ mode: 'showOfHands', yes: 4, abstain: 1, notVoting: 1 }))).toEqual({ ok: true });
  });
  it('a member withdrawn for a personal interest leaves the votants: 5 then add up', () => {
    const c = counts(six, { withdrawn: ['f'] });
    expect(c.voters).toBe(5);
    expect(check(vote({ mode: 'showOfHands', yes: 6 }), c)).toMatchObject({ code: 'vote.countsMismatch', params: { total: 6, voters: 5 } });
    expect(check(vote({ mode: 'showOfHands', yes: 5 }), c)).toEqual({ ok: true });
  });
});

describe('checkVoteEntry: quorum (L2121-17)', () => {
  it('refuses a vote with 4 present of 9 (5 required)', () => {
    expect(check(vote({ mode: 'showOfHands', yes: 4 }), counts(['a', 'b', 'c', 'd']))).toEqual({
      ok: false, code: 'vote.noQuorum', params: { present: 4, required: 5 },
    });
  });
  it('a withdrawal can break the quorum: 5 present, 1 withdrawn', () => {
    const c = counts(['a', 'b', 'c', 'd', 'e'], { withdrawn: ['e'] });
    expect(check(vote({ mode: 'showOfHands', yes: 4 }), c)).toMatchObject({ code: 'vote.noQuorum' });
  });
  it('proxies do not make the quorum: 4 present + 1 pouvoir', () => {
    const c = counts(['a', 'b', 'c', 'd'], { proxies: [proxy('g', 'a')] });
    expect(c.voters).toBe(5);
    expect(check(vote({ mode: 'showOfHands', yes: 5 }), c)).toMatchObject({ code: 'vote.noQuorum' });
  });
  it('a reconvened séance votes without quorum', () => {
    expect(check(vote({ mode: 'showOfHands', yes: 3 }), counts(['a', 'b', 'c'], { reconvened: true }))).toEqual({ ok: true });
  });
});

describe('checkVoteEntry: kind of item', () => {
  it('an information item takes no vote, even without quorum', () => {
    expect(check(vote({ mode: 'none' }), counts(['a']), 'information')).toEqual({ ok: true });
    expect(check(vote({ mode: 'showOfHands', yes: 6 }), counts(six), 'information')).toEqual({ ok: false, code: 'vote.informationNoVote' });
  });
  it('a deliberation needs a vote', () => {
    expect(check(vote({ mode: 'none' }))).toEqual({ ok: false, code: 'vote.modeRequired' });
  });
});

describe('checkVoteEntry: public roll-call (L2121-21)', () => {
  const withProxy = counts(six, { proxies: [proxy('g', 'b')] });
  it('lists each voice, the holder twice', () => {
    expect(rollCallVoices(withProxy)).toEqual([
      { memberId: 'a' }, { memberId: 'b' }, { memberId: 'b', onBehalfOf: 'g' }, { memberId: 'c' }, { memberId: 'd' }, { memberId: 'e' }, { memberId: 'f' },
    ]);
  });
  it('accepts one ballot per voice, the holder voting for the giver: 7 votants', () => {
    const ballots = rollCallVoices(withProxy).map((v) => ({ ...v, choice: 'yes' as const }));
    expect(check(vote({ mode: 'rollCall', ballots }), withProxy)).toEqual({ ok: true });
  });
  it('refuses a ballot from a member absent from the item, or a pouvoir that does not exist', () => {
    const ok = rollCallVoices(counts(six)).map((v) => ({ ...v, choice: 'yes' as const }));
    const stranger = [...ok.slice(0, 5), ballot('g', 'yes')];
    expect(check(vote({ mode: 'rollCall', ballots: stranger }))).toEqual({ ok: false, code: 'vote.notAVoter', params: { index: 6 } });
    const fakeProxy = [...ok.slice(0, 5), ballot('a', 'yes', 'h')];
    expect(check(vote({ mode: 'rollCall', ballots: fakeProxy }))).toMatchObject({ code: 'vote.notAVoter' });
  });
  it('a tie in a roll-call is broken by the president\'s ballot: 3 pour (president) / 3 contre', () => {
    const ballots = [ballot('a', 'yes'), ballot('b', 'yes'), ballot('c', 'yes'), ballot('d', 'no'), ballot('e', 'no'), ballot('f', 'no')];
    const v = vote({ mode: 'rollCall', ballots });
    expect(check(v)).toEqual({ ok: true });
    expect(itemResult('deliberation', v, president)).toMatchObject({ outcome: 'adopted', castingVoteUsed: true });
  });
});

describe('checkVoteEntry: casting vote by show of hands', () => {
  const tie = vote({ mode: 'showOfHands', yes: 3, no: 3 });
  it('3 pour / 3 contre needs the president\'s vote', () => {
    expect(needsCastingVote(tie)).toBe(true);
    expect(check(tie)).toEqual({ ok: false, code: 'vote.castingVoteNeeded' });
  });
  it('3 / 3 with the president pour: adopted, voix prépondérante', () => {
    const v = { ...tie, ballots: [ballot('a', 'yes')] };
    expect(check(v)).toEqual({ ok: true });
    expect(presidentChoice(v, president)).toBe('yes');
    expect(itemResult('deliberation', v, president)).toMatchObject({ outcome: 'adopted', castingVoteUsed: true });
  });
  it('3 / 3 with the president contre: rejected', () => {
    expect(itemResult('deliberation', { ...tie, ballots: [ballot('a', 'no')] }, president)).toMatchObject({ outcome: 'rejected' });
  });
  it('refuses a president\'s choice no count supports: president abstaining with 0 abstentions', () => {
    expect(check({ ...tie, ballots: [ballot('a', 'abstain')] })).toEqual({ ok: false, code: 'vote.castingVoteInconsistent' });
  });
  it('refuses named ballots of other members by show of hands', () => {
    expect(check({ ...tie, ballots: [ballot('b', 'yes')] })).toEqual({ ok: false, code: 'vote.showOfHandsBallots' });
  });
  it('a president absent from the item cannot break the tie: rejected', () => {
    const c = counts(['b', 'c', 'd', 'e', 'f', 'g']);
    expect(check(tie, c)).toEqual({ ok: true });
    expect(itemResult('deliberation', tie, president)).toMatchObject({ outcome: 'rejected', castingVoteUsed: false });
  });
  it('a tie when no president is designated is refused rather than rejected', () => {
    expect(checkVoteEntry({ kind: 'deliberation', vote: tie, counts: counts(six) })).toEqual({ ok: false, code: 'vote.castingVoteNoPresident' });
  });
  it('no casting vote in a secret ballot: 3 / 3 is rejected', () => {
    const secret = vote({ mode: 'secretBallot', yes: 3, no: 3 });
    expect(needsCastingVote(secret)).toBe(false);
    expect(check(secret)).toEqual({ ok: true });
    expect(itemResult('deliberation', secret, president)).toMatchObject({ outcome: 'rejected' });
  });
  it('0 pour / 0 contre is no tie to break: rejected', () => {
    expect(needsCastingVote(vote({ mode: 'showOfHands', abstain: 6 }))).toBe(false);
  });
});

describe('checkVoteEntry: secret ballot', () => {
  it('counts blank and null ballots among the votants: 4 pour, 1 blanc, 1 nul', () => {
    const v = vote({ mode: 'secretBallot', yes: 4, blank: 1, invalid: 1 });
    expect(check(v)).toEqual({ ok: true });
    expect(itemResult('deliberation', v, president)).toMatchObject({ outcome: 'adopted', unanimity: 'unanimousOfCast', votesCast: 4 });
  });
});

describe('itemResult', () => {
  it('an information item is noted, voted or not', () => {
    expect(itemResult('information', undefined, president)?.outcome).toBe('noted');
  });
  it('a deliberation not voted has no result yet', () => {
    expect(itemResult('deliberation', undefined, president)).toBeUndefined();
  });
  it('6 pour: adopted unanimously', () => {
    expect(itemResult('deliberation', vote({ mode: 'showOfHands', yes: 6 }), president)).toMatchObject({ outcome: 'adopted', unanimity: 'unanimous' });
  });
});
