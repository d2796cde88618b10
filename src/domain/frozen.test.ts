import { describe, expect, it } from 'vitest';
import { frozenOf, withFrozen } from './frozen';
import { minutesContent } from './signedContent';
import type { Body, Mandate, Member, Organisation, Seance } from './schemas';

const org = { id: 'o', name: 'Commune de Vaux', kind: 'commune' } as unknown as Organisation;
const body = { id: '0190a000-0000-7000-8000-0000000000b0', organisationId: 'o', name: 'Conseil municipal', verb: 'LE CONSEIL MUNICIPAL' } as unknown as Body;
const m = (n: number, lastName: string): Member =>
  ({ id: `0190a000-0000-7000-8000-00000000000${n}`, organisationId: 'o', civility: 'Mme', firstName: 'Anne', lastName, birthDate: '1970-01-01', version: 3, updatedAt: 'x' }) as unknown as Member;
const members = [m(2, 'BLANC'), m(1, 'ARNAUD'), m(3, 'CHARPENTIER')];
const mandate = (n: number, memberId: string, start: string, end?: string): Mandate =>
  ({ id: `0190a000-0000-7000-8000-0000000000a${n}`, bodyId: body.id, memberId, role: 'member', start, ...(end ? { end } : {}), version: 0, updatedAt: '' }) as Mandate;
const seance = { id: 's', bodyId: body.id, date: '2026-03-02', presidentId: members[0]!.id, secretaryIds: [], organisationId: 'o' } as unknown as Seance;

describe('what a closed séance freezes of names and mandates', () => {
  const input = {
    seance, organisation: org, body, members,
    // The third member's mandate ended before the séance: not in office, not printed.
    mandates: [mandate(1, members[1]!.id, '2020-01-01'), mandate(2, members[0]!.id, '2020-01-01'), mandate(3, members[2]!.id, '2020-01-01', '2025-12-31')],
    attendance: [], deliberations: [], votes: [], proxies: [],
  };

  it('keeps the organisation, the body, the members in office or named by the séance, their mandates that day, in id order', () => {
    const f = frozenOf(input);
    expect(f.organisation).toEqual({ name: 'Commune de Vaux', kind: 'commune' });
    expect(f.body).toEqual({ name: 'Conseil municipal', verb: 'LE CONSEIL MUNICIPAL' });
    expect(f.members.map((x) => x.lastName)).toEqual(['ARNAUD', 'BLANC']);
    expect(f.members[0]).toEqual({ id: members[1]!.id, civility: 'Mme', firstName: 'Anne', lastName: 'ARNAUD' });
    expect(f.mandates.map((x) => x.id)).toEqual([mandate(1, '', '').id, mandate(2, '', '').id]);
    // The same records in another order freeze the same thing: both sides compare it.
    expect(frozenOf({ ...input, members: [...members].reverse(), mandates: [...input.mandates].reverse() })).toEqual(f);
  });

  it('prints the frozen names after a rename, and the rename is not in the signed content', () => {
    const frozen = frozenOf(input);
    const closed = { ...seance, frozen } as Seance;
    const renamed = members.map((x) => (x.lastName === 'BLANC' ? { ...x, lastName: 'NOIR' } : x));
    const file = withFrozen({ seance: closed, organisation: { ...org, name: 'Autre nom' }, body, members: renamed, mandates: input.mandates });
    expect(file.members.find((x) => x.id === members[0]!.id)!.lastName).toBe('BLANC');
    expect(file.organisation.name).toBe('Commune de Vaux');
    expect(file.mandates.filter((x) => x.bodyId === body.id).map((x) => x.id).sort()).toEqual(frozen.mandates.map((x) => x.id));
    // The names are under the procès-verbal's signature: editing them changes what was signed.
    const signed = minutesContent({ seance: closed, attendance: [], deliberations: [], votes: [] });
    const edited = minutesContent({ seance: { ...closed, frozen: { ...frozen, members: frozen.members.map((x) => ({ ...x, lastName: 'NOIR' })) } }, attendance: [], deliberations: [], votes: [] });
    expect(JSON.stringify(signed)).toContain('BLANC');
    expect(signed).not.toEqual(edited);
  });

  it('leaves a séance closed before frozen parts existed as it is', () => {
    const file = { seance, organisation: org, body, members, mandates: input.mandates };
    expect(withFrozen(file)).toBe(file);
  });
});
