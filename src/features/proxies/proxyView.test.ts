import { describe, expect, it } from 'vitest';
import type { BodyId, MandateId, MemberId, OrganisationId, ProxyId, SeanceId } from '../../domain/ids';
import type { Mandate, Member, Proxy, Seance, SeanceStatus } from '../../domain/schemas';
import { candidateMembers, choosableSeances, missingChoices, proxyRows, revokedOn } from './proxyView';

const org = 'org' as OrganisationId;
const bureau = 'bureau' as BodyId;

function seance(id: string, date: string, status: SeanceStatus = 'draft', time = '17:30'): Seance {
  return {
    id: id as SeanceId, organisationId: org, bodyId: bureau, date, time, place: 'Salle', convocationDate: '2000-01-01',
    convocationMode: 'electronique', urgencyReason: '', secretaryIds: [], status, closedWithoutQuorum: false, version: 0, updatedAt: '',
  };
}
function member(id: string, lastName: string, firstName = 'Élu'): Member {
  return { id: id as MemberId, organisationId: org, civility: 'M.', firstName, lastName, version: 0, updatedAt: '' };
}
function mandate(memberId: string, start: string, end?: string, role: Mandate['role'] = 'member'): Mandate {
  return { id: `m-${memberId}-${start}` as MandateId, bodyId: bureau, memberId: memberId as MemberId, role, start, ...(end ? { end } : {}), version: 0, updatedAt: '' };
}
function proxy(id: string, seanceIds: string[], extra: Partial<Proxy> = {}): Proxy {
  return {
    id: id as ProxyId, organisationId: org, bodyId: bureau, giverId: 'a' as MemberId, holderId: 'b' as MemberId,
    seanceIds: seanceIds as SeanceId[], writtenOn: '2024-01-01', illness: false, version: 0, updatedAt: '', ...extra,
  };
}

describe('choosableSeances', () => {
  it('keeps the séances not yet closed, in date then time order', () => {
    const list = [
      seance('s3', '2024-03-01'),
      seance('closed', '2024-01-15', 'closed'),
      seance('s1b', '2024-01-10', 'convened', '18:00'),
      seance('signed', '2024-01-20', 'signed'),
      seance('s1', '2024-01-10', 'in_progress', '09:00'),
      seance('published', '2024-01-25', 'published'),
    ];
    expect(choosableSeances(list).map((s) => s.id)).toEqual(['s1', 's1b', 's3']);
  });
});

describe('candidateMembers', () => {
  const members = [member('c', 'MARTIN'), member('a', 'DUPONT', 'Zoé'), member('b', 'DUPONT', 'Anne'), member('d', 'VIDAL'), member('s', 'SUPPLÉANT')];
  const mandates = [
    mandate('a', '2020-01-01'),
    mandate('b', '2020-01-01'),
    mandate('c', '2024-06-01'), // only from a later séance
    mandate('d', '2020-01-01', '2023-12-31'), // ended before every day
    mandate('s', '2020-01-01', undefined, 'substitute'), // a suppléant is not in office
  ];
  it('lists members in office on any of the days, by name', () => {
    expect(candidateMembers(members, mandates, bureau, ['2024-01-10']).map((m) => m.id)).toEqual(['b', 'a']);
    expect(candidateMembers(members, mandates, bureau, ['2024-01-10', '2024-07-01']).map((m) => m.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('proxyRows', () => {
  const seances = [seance('s2', '2024-02-01'), seance('s1', '2024-01-10'), seance('old', '2023-12-01', 'closed')];
  const members = [member('a', 'GIVER'), member('b', 'HOLDER')];

  it('lists the newest written first, then the last recorded first', () => {
    const rows = proxyRows(
      [
        proxy('0190-1', ['s1'], { writtenOn: '2024-01-02' }),
        proxy('0190-3', ['s2'], { writtenOn: '2024-01-05' }),
        proxy('0190-2', ['s1'], { writtenOn: '2024-01-02' }),
      ],
      seances,
      members,
    );
    expect(rows.map((r) => r.proxy.id)).toEqual(['0190-3', '0190-2', '0190-1']);
  });

  it('shows the covered séances in date order with giver and holder', () => {
    const [row] = proxyRows([proxy('p', ['s2', 's1'])], seances, members);
    expect(row?.seances.map((s) => s.id)).toEqual(['s1', 's2']);
    expect([row?.giver?.lastName, row?.holder?.lastName]).toEqual(['GIVER', 'HOLDER']);
    expect(row?.status).toEqual({ kind: 'active' });
    expect(row?.canRevoke).toBe(true);
  });

  it('a revoked pouvoir says when and cannot be revoked again', () => {
    const [row] = proxyRows([proxy('p', ['s1'], { revokedAt: '2024-01-08T10:00:00.000Z' })], seances, members);
    expect(row?.status).toEqual({ kind: 'revoked', on: '2024-01-08' });
    expect(row?.canRevoke).toBe(false);
  });

  it('a pouvoir covering a closed séance, or one unknown here, cannot be revoked', () => {
    expect(proxyRows([proxy('p', ['old', 's1'])], seances, members)[0]?.canRevoke).toBe(false);
    expect(proxyRows([proxy('p', ['elsewhere', 's1'])], seances, members)[0]?.canRevoke).toBe(false);
  });
});

describe('revokedOn', () => {
  it('gives the calendar day, and the text as it is when it is not an instant', () => {
    expect(revokedOn('2024-03-05T12:00:00.000Z')).toBe('2024-03-05');
    expect(revokedOn('2024-03-05')).toBe('2024-03-05');
  });
});

describe('missingChoices', () => {
  const full = { giverId: 'a', holderId: 'b', writtenOn: '2024-01-01', seanceIds: ['s1'], illness: false };
  it('asks for the giver, the holder, the date and at least one séance', () => {
    expect(missingChoices(full)).toEqual({});
    expect(missingChoices({ ...full, giverId: '', holderId: '', writtenOn: '', seanceIds: [] })).toEqual({
      giverId: 'error.required',
      holderId: 'error.required',
      writtenOn: 'error.required',
      seanceIds: 'proxy.noSeance',
    });
  });
});
