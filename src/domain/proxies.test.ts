import { describe, expect, it } from 'vitest';
import type { BodyId, MemberId, OrganisationId, ProxyId, SeanceId } from './ids';
import { activeProxiesFor, checkProxy, isRevoked, PROXY_REFUSAL_FIELD, type ProxyContext } from './proxies';
import type { Proxy } from './schemas';

const m = (s: string) => s as MemberId;
const s = (x: string) => x as SeanceId;

let seq = 0;
function proxy(giver: string, holder: string, seances: string[], extra: Partial<Proxy> = {}): Proxy {
  seq += 1;
  return {
    id: `proxy-${seq}` as ProxyId,
    organisationId: 'org' as OrganisationId,
    bodyId: 'bureau' as BodyId,
    giverId: m(giver),
    holderId: m(holder),
    seanceIds: seances.map(s),
    writtenOn: '2024-01-01',
    illness: false,
    version: 0,
    updatedAt: '',
    ...extra,
  };
}

// Given out of order on purpose: the rule must sort séances by date itself.
const seancesOfBody = [
  { id: s('s3'), date: '2024-03-10' },
  { id: s('s1'), date: '2024-01-10' },
  { id: s('s5'), date: '2024-05-10' },
  { id: s('s2'), date: '2024-02-10' },
  { id: s('s4'), date: '2024-04-10' },
];
const ctx = (existing: Proxy[] = []): ProxyContext => ({
  existing,
  inOffice: ['a', 'b', 'c', 'd'].map(m),
  seancesOfBody,
});

describe('checkProxy: the parties', () => {
  it('accepts a plain pouvoir between two members in office', () => {
    expect(checkProxy(proxy('a', 'b', ['s1']), ctx())).toEqual({ ok: true });
  });
  it('refuses a member holding their own pouvoir', () => {
    expect(checkProxy(proxy('a', 'a', ['s1']), ctx())).toEqual({ ok: false, code: 'proxy.selfHolder' });
  });
  it('refuses a giver or a holder not in office', () => {
    expect(checkProxy(proxy('x', 'b', ['s1']), ctx())).toEqual({ ok: false, code: 'proxy.giverNotInOffice' });
    expect(checkProxy(proxy('a', 'x', ['s1']), ctx())).toEqual({ ok: false, code: 'proxy.holderNotInOffice' });
  });
});

describe('checkProxy: one pouvoir per holder (CGCT L2121-20)', () => {
  it('refuses a second pouvoir to the same holder for the same séance', () => {
    const first = proxy('a', 'b', ['s1']);
    expect(checkProxy(proxy('c', 'b', ['s1']), ctx([first]))).toEqual({ ok: false, code: 'proxy.holderHasProxy' });
  });
  it('refuses it when the séances only partly overlap', () => {
    const first = proxy('a', 'b', ['s1', 's2']);
    expect(checkProxy(proxy('c', 'b', ['s2', 's3']), ctx([first]))).toEqual({ ok: false, code: 'proxy.holderHasProxy' });
  });
  it('accepts it once the first pouvoir is revoked', () => {
    const first = proxy('a', 'b', ['s1'], { revokedAt: '2024-01-05T10:00:00Z' });
    expect(checkProxy(proxy('c', 'b', ['s1']), ctx([first]))).toEqual({ ok: true });
  });
  it('accepts the same holder for a different séance', () => {
    const first = proxy('a', 'b', ['s1']);
    expect(checkProxy(proxy('c', 'b', ['s2']), ctx([first]))).toEqual({ ok: true });
  });
  it('does not conflict with its own previous version when edited', () => {
    const first = proxy('a', 'b', ['s1']);
    expect(checkProxy({ ...first, seanceIds: [s('s1'), s('s2')] }, ctx([first]))).toEqual({ ok: true });
  });
});

describe('checkProxy: one pouvoir per giver', () => {
  it('refuses a giver already represented at the séance', () => {
    const first = proxy('a', 'b', ['s1']);
    expect(checkProxy(proxy('a', 'c', ['s1']), ctx([first]))).toEqual({ ok: false, code: 'proxy.giverHasProxy' });
  });
  it('accepts it after revocation of the first', () => {
    const first = proxy('a', 'b', ['s1'], { revokedAt: '2024-01-05' });
    expect(checkProxy(proxy('a', 'c', ['s1']), ctx([first]))).toEqual({ ok: true });
  });
});

describe('checkProxy: three consecutive séances at most, except illness (CGCT L2121-20)', () => {
  it('accepts three consecutive séances', () => {
    expect(checkProxy(proxy('a', 'b', ['s2', 's3', 's4']), ctx())).toEqual({ ok: true });
  });
  it('refuses four séances without illness', () => {
    expect(checkProxy(proxy('a', 'b', ['s1', 's2', 's3', 's4']), ctx())).toEqual({ ok: false, code: 'proxy.tooManySeances' });
  });
  it('accepts four séances with illness', () => {
    expect(checkProxy(proxy('a', 'b', ['s1', 's2', 's3', 's4'], { illness: true }), ctx())).toEqual({ ok: true });
  });
  it('refuses two séances spanning more than three (s1 and s4)', () => {
    expect(checkProxy(proxy('a', 'b', ['s4', 's1']), ctx())).toEqual({ ok: false, code: 'proxy.tooManySeances' });
  });
  it('accepts séances within a run of three (s1 and s3)', () => {
    expect(checkProxy(proxy('a', 'b', ['s1', 's3']), ctx())).toEqual({ ok: true });
  });
  it('counts a repeated séance once', () => {
    expect(checkProxy(proxy('a', 'b', ['s1', 's1', 's2', 's3']), ctx())).toEqual({ ok: true });
  });
  it('orders same-day séances stably', () => {
    const sameDay = { ...ctx(), seancesOfBody: [...seancesOfBody, { id: s('s2b'), date: '2024-02-10' }] };
    expect(checkProxy(proxy('a', 'b', ['s2', 's2b', 's3']), sameDay)).toEqual({ ok: true });
    expect(checkProxy(proxy('a', 'b', ['s1', 's2', 's2b']), sameDay)).toEqual({ ok: true });
    expect(checkProxy(proxy('a', 'b', ['s1', 's3']), sameDay)).toEqual({ ok: false, code: 'proxy.tooManySeances' });
  });
});

describe('checkProxy: séances and date', () => {
  it('refuses a séance unknown to the body', () => {
    expect(checkProxy(proxy('a', 'b', ['elsewhere']), ctx())).toEqual({ ok: false, code: 'proxy.unknownSeance' });
  });
  it('refuses a pouvoir covering no séance', () => {
    expect(checkProxy(proxy('a', 'b', []), ctx())).toEqual({ ok: false, code: 'proxy.noSeance' });
  });
  it('accepts a pouvoir written on the day of the séance', () => {
    expect(checkProxy(proxy('a', 'b', ['s1'], { writtenOn: '2024-01-10' }), ctx())).toEqual({ ok: true });
  });
  it('refuses a pouvoir written after the earliest covered séance', () => {
    const late = proxy('a', 'b', ['s3', 's2'], { writtenOn: '2024-02-11' });
    expect(checkProxy(late, ctx())).toEqual({ ok: false, code: 'proxy.writtenAfterSeance' });
  });
});

describe('activeProxiesFor', () => {
  it('returns the unrevoked pouvoirs covering the séance', () => {
    const p1 = proxy('a', 'b', ['s1', 's2']);
    const p2 = proxy('c', 'd', ['s1'], { revokedAt: '2024-01-05' });
    const p3 = proxy('c', 'd', ['s2']);
    expect(activeProxiesFor([p1, p2, p3], s('s1'))).toEqual([p1]);
    expect(activeProxiesFor([p1, p2, p3], s('s2'))).toEqual([p1, p3]);
  });
  it('treats an empty revokedAt as not revoked', () => {
    expect(isRevoked(proxy('a', 'b', ['s1'], { revokedAt: '' }))).toBe(false);
  });
});

describe('PROXY_REFUSAL_FIELD', () => {
  it('names the field to change for each refusal', () => {
    expect(PROXY_REFUSAL_FIELD['proxy.holderHasProxy']).toBe('holderId');
    expect(PROXY_REFUSAL_FIELD['proxy.giverHasProxy']).toBe('giverId');
    expect(PROXY_REFUSAL_FIELD['proxy.tooManySeances']).toBe('seanceIds');
    expect(PROXY_REFUSAL_FIELD['proxy.writtenAfterSeance']).toBe('writtenOn');
    expect(PROXY_REFUSAL_FIELD['proxy.selfHolder']).toBe('holderId');
  });
});
