import { describe, expect, it } from 'vitest';
import { itemCounts, presentAt, quorumFor, type ItemCountsInput } from './attendance';
import type { BodyId, MemberId, OrganisationId, ProxyId, SeanceId } from './ids';
import type { Attendance, AttendanceStatus, Movement, Proxy } from './schemas';

const m = (s: string) => s as MemberId;
const seance = 'seance-1' as SeanceId;
const nine = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map(m);

function att(member: string, status: AttendanceStatus, movements: Movement[] = [], seanceId = seance): Attendance {
  return { id: `${seanceId}:${member}`, seanceId, memberId: m(member), status, movements, version: 0, updatedAt: '' };
}

let seq = 0;
function proxy(giver: string, holder: string, extra: Partial<Proxy> = {}): Proxy {
  seq += 1;
  return {
    id: `proxy-${seq}` as ProxyId,
    organisationId: 'org' as OrganisationId,
    bodyId: 'bureau' as BodyId,
    giverId: m(giver),
    holderId: m(holder),
    seanceIds: [seance],
    writtenOn: '2024-01-01',
    illness: false,
    version: 0,
    updatedAt: '',
    ...extra,
  };
}

/** Members listed as present, the rest of the nine absent. */
function roll(presentIds: string[], others: AttendanceStatus = 'absent'): Attendance[] {
  return nine.map((id) => att(id, presentIds.includes(id) ? 'present' : others));
}

const counts = (over: Partial<ItemCountsInput>) =>
  itemCounts({ inOffice: nine, attendance: [], proxies: [], seanceId: seance, orderNumber: 1, withdrawn: [], ...over });

describe('presentAt', () => {
  it('follows the opening status without movements', () => {
    expect(presentAt(att('a', 'present'), 5)).toBe(true);
    expect(presentAt(att('a', 'excused'), 5)).toBe(false);
    expect(presentAt(att('a', 'represented'), 5)).toBe(false);
  });
  it('a departure at item 3 leaves items 1 and 2 untouched', () => {
    const a = att('a', 'present', [{ kind: 'departure', fromOrder: 3 }]);
    expect([1, 2, 3, 4].map((n) => presentAt(a, n))).toEqual([true, true, false, false]);
  });
  it('a late arrival counts from the item of arrival', () => {
    const a = att('a', 'absent', [{ kind: 'arrival', fromOrder: 2 }]);
    expect([1, 2, 3].map((n) => presentAt(a, n))).toEqual([false, true, true]);
  });
  it('applies movements in item order whatever the recorded order', () => {
    const a = att('a', 'present', [
      { kind: 'arrival', fromOrder: 5 },
      { kind: 'departure', fromOrder: 2 },
    ]);
    expect([1, 2, 4, 5, 6].map((n) => presentAt(a, n))).toEqual([true, false, false, true, true]);
  });
});

describe('quorumFor (CGCT L2121-17)', () => {
  it('needs strictly more than half: 5 of 9, 6 of 10', () => {
    expect(quorumFor(9, 5, false)).toEqual({ reached: true, required: 5, present: 5, waived: false });
    expect(quorumFor(9, 4, false).reached).toBe(false);
    expect(quorumFor(10, 5, false)).toEqual({ reached: false, required: 6, present: 5, waived: false });
    expect(quorumFor(10, 6, false).reached).toBe(true);
  });
  it('is waived for a séance reconvened after a lack of quorum', () => {
    expect(quorumFor(9, 1, true)).toEqual({ reached: true, required: 5, present: 1, waived: true });
  });
  it('an empty body has no quorum', () => {
    expect(quorumFor(0, 0, false).reached).toBe(false);
  });
});

describe('itemCounts', () => {
  it('9 in office, 5 present: quorum reached', () => {
    const c = counts({ attendance: roll(['a', 'b', 'c', 'd', 'e']) });
    expect(c.quorum.reached).toBe(true);
    expect(c.present).toHaveLength(5);
  });

  it('4 present + 3 pouvoirs: no quorum, though 7 votants (pouvoirs never count for quorum)', () => {
    const proxies = [proxy('e', 'a'), proxy('f', 'b'), proxy('g', 'c')];
    const c = counts({ attendance: roll(['a', 'b', 'c', 'd']), proxies });
    expect(c.quorum).toEqual({ reached: false, required: 5, present: 4, waived: false });
    expect(c.voters).toBe(7);
    expect(c.represented).toEqual([
      { giver: m('e'), holder: m('a') },
      { giver: m('f'), holder: m('b') },
      { giver: m('g'), holder: m('c') },
    ]);
    expect(c.absent).toEqual([m('h'), m('i')]);
  });

  it('9 in office, 6 present, 3 absent: en exercice 9 / présents 6 / votants 6', () => {
    const c = counts({ attendance: roll(['a', 'b', 'c', 'd', 'e', 'f']) });
    expect([c.inOffice, c.present.length, c.voters]).toEqual([9, 6, 6]);
    expect(c.absent).toEqual([m('g'), m('h'), m('i')]);
  });

  it('a member leaving before item 3 changes item 3 only', () => {
    const attendance = roll(['a', 'b', 'c', 'd', 'e']);
    attendance[0] = att('a', 'present', [{ kind: 'departure', fromOrder: 3 }]);
    const at = (orderNumber: number) => counts({ attendance, orderNumber });
    for (const n of [1, 2]) {
      expect(at(n).present).toHaveLength(5);
      expect(at(n).quorum.reached).toBe(true);
    }
    expect(at(3).present).toHaveLength(4);
    expect(at(3).absent).toContain(m('a'));
    expect(at(3).quorum.reached).toBe(false);
  });

  it('a late arrival at item 2 counts from item 2', () => {
    const attendance = roll(['a', 'b', 'c', 'd']);
    attendance[4] = att('e', 'absent', [{ kind: 'arrival', fromOrder: 2 }]);
    expect(counts({ attendance, orderNumber: 1 }).quorum.reached).toBe(false);
    expect(counts({ attendance, orderNumber: 2 }).quorum.reached).toBe(true);
    expect(counts({ attendance, orderNumber: 2 }).present).toContain(m('e'));
  });

  it('a withdrawn member leaves quorum and votants for that item only', () => {
    const attendance = roll(['a', 'b', 'c', 'd', 'e']);
    const item2 = counts({ attendance, orderNumber: 2, withdrawn: [m('e')] });
    expect(item2.withdrawn).toEqual([m('e')]);
    expect(item2.present).not.toContain(m('e'));
    expect(item2.absent).not.toContain(m('e'));
    expect(item2.voters).toBe(4);
    expect(item2.quorum.reached).toBe(false);
    const item3 = counts({ attendance, orderNumber: 3 });
    expect(item3.voters).toBe(5);
    expect(item3.quorum.reached).toBe(true);
  });

  it('a pouvoir held by a withdrawn member gives no vote on that item', () => {
    const c = counts({ attendance: roll(['a', 'b']), proxies: [proxy('c', 'a')], withdrawn: [m('a')] });
    expect(c.represented).toEqual([]);
    expect(c.absent).toContain(m('c'));
  });

  it('a withdrawn giver cannot vote through a pouvoir either', () => {
    const c = counts({ attendance: roll(['a', 'b']), proxies: [proxy('c', 'a')], withdrawn: [m('c')] });
    expect(c.represented).toEqual([]);
  });

  it('a pouvoir whose holder is absent gives no vote', () => {
    const c = counts({ attendance: roll(['a', 'b', 'c', 'd', 'e']), proxies: [proxy('f', 'g')] });
    expect(c.represented).toEqual([]);
    expect(c.voters).toBe(5);
    expect(c.absent).toEqual([m('f'), m('g'), m('h'), m('i')]);
  });

  it('a pouvoir whose giver came after all gives no second vote', () => {
    const attendance = roll(['a', 'b']);
    attendance[2] = att('c', 'represented', [{ kind: 'arrival', fromOrder: 2 }]);
    const proxies = [proxy('c', 'a')];
    expect(counts({ attendance, proxies, orderNumber: 1 }).voters).toBe(3);
    expect(counts({ attendance, proxies, orderNumber: 2 }).voters).toBe(3);
    expect(counts({ attendance, proxies, orderNumber: 2 }).represented).toEqual([]);
  });

  it('ignores revoked pouvoirs, pouvoirs for other séances, and a second pouvoir to one holder', () => {
    const proxies = [
      proxy('c', 'a', { revokedAt: '2024-01-02' }),
      proxy('d', 'a', { seanceIds: ['other' as SeanceId] }),
      proxy('e', 'b'),
      proxy('f', 'b'),
    ];
    const c = counts({ attendance: roll(['a', 'b']), proxies });
    expect(c.represented).toEqual([{ giver: m('e'), holder: m('b') }]);
  });

  it('counts only members in office, and a member without attendance row as absent', () => {
    const attendance = [att('a', 'present'), att('outsider', 'present'), att('b', 'present', [], 'other' as SeanceId)];
    const c = counts({ attendance, proxies: [proxy('outsider', 'a')] });
    expect(c.present).toEqual([m('a')]);
    expect(c.represented).toEqual([]);
    expect(c.absent).toHaveLength(8);
    expect(c.absent).toContain(m('b'));
  });

  it('lists excused members among the absent, but not when represented', () => {
    const c = counts({ attendance: roll(['a', 'b'], 'excused'), proxies: [proxy('c', 'a')] });
    expect(c.excused).toEqual(['d', 'e', 'f', 'g', 'h', 'i'].map(m));
    expect(c.absent).toEqual(c.excused);
  });

  it('deduplicates the members in office', () => {
    expect(counts({ inOffice: [...nine, m('a')] }).inOffice).toBe(9);
  });

  it('a reconvened séance deliberates without quorum', () => {
    const c = counts({ attendance: roll(['a', 'b']), reconvened: true });
    expect(c.quorum).toEqual({ reached: true, required: 5, present: 2, waived: true });
  });
});
