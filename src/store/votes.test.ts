import { beforeEach, describe, expect, it } from 'vitest';
import { newId, type MemberId, type ProxyId } from '../domain/ids';
import type { Proxy } from '../domain/schemas';
import { itemResult } from '../domain/voteEntry';
import { resultLabelKey } from '../domain/tally';
import { RegistreDb, useDatabase } from './db';
import { addItem, type CommandRefused } from './deliberationCommands';
import { seedSeance, writeSeed, type SeedSeance } from './deliberationFixtures';
import { pendingMutations } from './outbox';
import { cancelVote, recordVote, voteOf, votesOf } from './votes';
import { setAttendanceStatus } from './attendanceCommands';

let fresh: RegistreDb;
let seed: SeedSeance;
const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as CommandRefused);

async function item(opts: { status?: 'draft' | 'in_progress'; present?: number; reconvened?: boolean; kind?: 'information' } = {}) {
  seed = seedSeance({ status: opts.status ?? 'in_progress', present: opts.present ?? 6, reconvened: opts.reconvened ?? false });
  await writeSeed(fresh, seed);
  return addItem(seed.seance.id, { object: 'Conventions tripartites pour la mise en œuvre des ENT', kind: opts.kind ?? 'deliberation' });
}

beforeEach(async () => {
  fresh = new RegistreDb(`test-${Math.random()}`);
  useDatabase(fresh);
  await fresh.open();
});

describe('recordVote', () => {
  it('records 6 pour of 6 votants: adopted unanimously', async () => {
    const d = await item();
    await recordVote(d.id, { mode: 'showOfHands', yes: 6 });
    const vote = await voteOf(d.id);
    expect(vote).toMatchObject({ mode: 'showOfHands', yes: 6, no: 0, abstain: 0, notVoting: 0 });
    expect(resultLabelKey(itemResult('deliberation', vote!, seed.ids[0])!)).toBe('result.adoptedUnanimous');
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'vote.record', recordId: d.id });
  });

  it('refuses impossible counts and writes nothing', async () => {
    const d = await item();
    const before = (await pendingMutations()).length;
    expect(await refusal(recordVote(d.id, { mode: 'showOfHands', yes: 7 }))).toMatchObject({
      message: 'vote.countsMismatch', params: { total: 7, voters: 6 },
    });
    expect(await refusal(recordVote(d.id, { mode: 'showOfHands', yes: -1, no: 7 }))).toMatchObject({ fieldErrors: { yes: 'error.invalid' } });
    expect(await voteOf(d.id)).toBeNull();
    expect(await pendingMutations()).toHaveLength(before);
  });

  it('a voted item\'s votants do not change under its vote: the roll-call change is refused until the vote is cancelled', async () => {
    const d = await item();
    await recordVote(d.id, { mode: 'showOfHands', yes: 6 });
    // The same check the server runs (domain/commands.ts), here before anything is written.
    expect(await refusal(setAttendanceStatus(seed.seance.id, seed.ids[0]!, 'absent'))).toMatchObject({ message: 'vote.countsLocked', params: { item: 1 } });
    expect((await fresh.attendance.get(`${seed.seance.id}:${seed.ids[0]}`))!.status).toBe('present');
    await cancelVote(d.id);
    await setAttendanceStatus(seed.seance.id, seed.ids[0]!, 'absent');
    expect((await fresh.attendance.get(`${seed.seance.id}:${seed.ids[0]}`))!.status).toBe('absent');
  });

  it('refuses a vote before the séance starts', async () => {
    const d = await item({ status: 'draft' });
    expect((await refusal(recordVote(d.id, { mode: 'showOfHands', yes: 6 })))?.message).toBe('vote.notInProgress');
  });

  it('refuses a vote without quorum (4 present of 9), unless the séance is reconvened', async () => {
    const d = await item({ present: 4 });
    expect(await refusal(recordVote(d.id, { mode: 'showOfHands', yes: 4 }))).toMatchObject({
      message: 'vote.noQuorum', params: { present: 4, required: 5 },
    });
    const again = await item({ present: 4, reconvened: true });
    // Without quorum the reconvened séance deliberates on the failed séance's agenda only (L2121-17).
    expect((await refusal(recordVote(again.id, { mode: 'showOfHands', yes: 4 })))?.message).toBe('vote.notOnFailedAgenda');
    const failedId = seed.seance.reconvenedFrom!;
    await fresh.seances.put({ ...seed.seance, id: failedId, date: '2011-11-01', status: 'closed', closedWithoutQuorum: true, reconvenedFrom: undefined } as never);
    await fresh.deliberations.put({ ...again, id: newId<'DeliberationId'>(), seanceId: failedId });
    await recordVote(again.id, { mode: 'showOfHands', yes: 4 });
  });

  it('notes an information item without a vote', async () => {
    const d = await item({ kind: 'information' });
    expect((await refusal(recordVote(d.id, { mode: 'showOfHands', yes: 6 })))?.message).toBe('vote.informationNoVote');
    await recordVote(d.id, { mode: 'none' });
    expect(itemResult('information', (await voteOf(d.id))!, undefined)?.outcome).toBe('noted');
  });

  it('public roll-call: a proxy holder votes for the giver too (7 votants)', async () => {
    const d = await item();
    const [a, b, c, e, f, g, absent] = [seed.ids[0]!, seed.ids[1]!, seed.ids[2]!, seed.ids[3]!, seed.ids[4]!, seed.ids[5]!, seed.ids[6]!];
    const proxy: Proxy = {
      id: '0190a000-0000-7000-8000-000000000001' as ProxyId, organisationId: seed.organisation.id, bodyId: seed.body.id, giverId: absent,
      holderId: b, seanceIds: [seed.seance.id], writtenOn: '2011-11-01', illness: false, version: 0, updatedAt: '',
    };
    await fresh.proxies.put(proxy);
    await fresh.attendance.update(`${seed.seance.id}:${absent}`, { status: 'represented' });
    const yes = (memberId: MemberId, onBehalfOf?: MemberId) => (onBehalfOf ? { memberId, onBehalfOf, choice: 'yes' as const } : { memberId, choice: 'yes' as const });
    const six = [yes(a), yes(b), yes(c), yes(e), yes(f), { memberId: g, choice: 'no' as const }];
    expect(await refusal(recordVote(d.id, { mode: 'rollCall', ballots: six }))).toMatchObject({ params: { total: 6, voters: 7 } });
    await recordVote(d.id, { mode: 'rollCall', ballots: [...six, yes(b, absent)] });
    const result = itemResult('deliberation', (await voteOf(d.id))!, a);
    expect(result).toMatchObject({ outcome: 'adopted', counts: { yes: 6, no: 1 } });
  });

  it('a tie by show of hands needs the president\'s vote, which then decides', async () => {
    const d = await item();
    expect((await refusal(recordVote(d.id, { mode: 'showOfHands', yes: 3, no: 3 })))?.message).toBe('vote.castingVoteNeeded');
    await recordVote(d.id, { mode: 'showOfHands', yes: 3, no: 3, ballots: [{ memberId: seed.ids[0]!, choice: 'yes' }] });
    const result = itemResult('deliberation', (await voteOf(d.id))!, seed.ids[0]);
    expect(resultLabelKey(result!)).toBe('result.adoptedCastingVote');
  });

  it('secret ballot with blank and null ballots', async () => {
    const d = await item();
    await recordVote(d.id, { mode: 'secretBallot', yes: 3, no: 1, blank: 1, invalid: 1 });
    expect(itemResult('deliberation', (await voteOf(d.id))!, seed.ids[0])).toMatchObject({ outcome: 'adopted', votesCast: 4 });
  });

  it('cancels a vote entered by mistake, and lists votes by item', async () => {
    const d = await item();
    await recordVote(d.id, { mode: 'showOfHands', yes: 6 });
    expect((await votesOf([d])).get(d.id)?.yes).toBe(6);
    await cancelVote(d.id);
    expect(await voteOf(d.id)).toBeNull();
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'vote.cancel' });
  });
});

describe('recordVote: appointment by secret ballot', () => {
  const rounds = (...r: [number, number, number][]) => r.map(([a, b, blank]) => ({
    votes: [{ memberId: seed.ids[1]!, votes: a }, { memberId: seed.ids[2]!, votes: b }], blank, invalid: 0,
  }));
  const input = (r: ReturnType<typeof rounds>) => ({
    mode: 'appointment' as const,
    appointment: { office: 'délégué titulaire au SIVU', candidates: [seed.ids[1]!, seed.ids[2]!], rounds: r },
  });

  it('records round 1 without a majority, then round 2 electing, with the outcome stored', async () => {
    const d = await item();
    await recordVote(d.id, input(rounds([3, 3, 0])));
    expect((await voteOf(d.id))?.appointment?.outcome).toEqual({ round: 1, byAge: false });
    await recordVote(d.id, input(rounds([3, 3, 0], [4, 2, 0])));
    const vote = await voteOf(d.id);
    expect(vote?.appointment?.outcome).toEqual({ elected: seed.ids[1], round: 2, byAge: false });
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'vote.record', recordId: d.id });
  });

  it('decides a third-round tie by age with the birth dates stored', async () => {
    const d = await item();
    await fresh.members.update(seed.ids[1]!, { birthDate: '1970-01-01' });
    await fresh.members.update(seed.ids[2]!, { birthDate: '1950-01-01' });
    await recordVote(d.id, input(rounds([3, 3, 0], [3, 3, 0], [3, 3, 0])));
    expect((await voteOf(d.id))?.appointment?.outcome).toEqual({ elected: seed.ids[2], round: 3, byAge: true });
  });

  it('refuses bad counts, a round after an election and a non-member, writing nothing', async () => {
    const d = await item();
    const before = (await pendingMutations()).length;
    expect(await refusal(recordVote(d.id, input(rounds([3, 2, 0]))))).toMatchObject({
      message: 'appointment.countsMismatch', params: { round: 1, total: 5, voters: 6 },
    });
    expect(await refusal(recordVote(d.id, input(rounds([5, 1, 0], [4, 2, 0]))))).toMatchObject({
      message: 'appointment.roundAfterElection', params: { round: 2 },
    });
    const stranger = '0190a000-0000-7000-8000-000000000042' as MemberId;
    const outsider = { mode: 'appointment' as const, appointment: { office: 'x', candidates: [stranger], rounds: [{ votes: [{ memberId: stranger, votes: 6 }], blank: 0, invalid: 0 }] } };
    expect((await refusal(recordVote(d.id, outsider)))?.message).toBe('appointment.notInOffice');
    expect((await refusal(recordVote(d.id, { mode: 'appointment' })))?.message).toBe('appointment.missing');
    expect(await refusal(recordVote(d.id, input(rounds([-1, 7, 0]))))).toBeTruthy();
    expect(await voteOf(d.id)).toBeNull();
    expect(await pendingMutations()).toHaveLength(before);
  });

  it('refuses an appointment without quorum', async () => {
    const d = await item({ present: 4 });
    expect((await refusal(recordVote(d.id, input(rounds([2, 2, 0])))))?.message).toBe('vote.noQuorum');
  });
});
