import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson, sha256Hex } from './canonical';

// node:crypto is an independent SHA-256 to check sha256Hex against. The app tsconfig carries
// no Node types (this is browser code), so load it untyped and describe the bit we use rather
// than pulling Node globals into the whole program.
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}
const { createHash } = (await import(/* @vite-ignore */ 'node:crypto' as string)) as NodeCrypto;
const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonicalJson', () => {
  it('sorts keys and removes whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'é'] })).toBe('{"a":[true,null,"é"],"b":1}');
  });

  it('gives the same text for deeply reordered keys', () => {
    const one = { z: { y: [{ b: 2, a: 1 }, 'x'], x: { d: null, c: false } }, a: 'first' };
    const two = { a: 'first', z: { x: { c: false, d: null }, y: [{ a: 1, b: 2 }, 'x'] } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe('{"a":"first","z":{"x":{"c":false,"d":null},"y":[{"a":1,"b":2},"x"]}}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Compare the text itself: JSON.parse + Object.keys would put the integer-like key "1" first.
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serialises primitives like RFC 8785 (§3.2.2 example values)', () => {
    // Parsed from JSON text, as in the RFC: the literal 333333333.33333329 is not exactly representable.
    const numbers: unknown = JSON.parse('[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]');
    expect(canonicalJson({ numbers })).toBe(
      '{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
    );
    expect(canonicalJson({ string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/' })).toBe(
      '{"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    expect(canonicalJson({ literals: [null, true, false] })).toBe('{"literals":[null,true,false]}');
    expect(canonicalJson(-0)).toBe('0');
  });

  it('omits undefined properties and accepts shared (non-cyclic) references', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: undefined, b: shared, c: shared })).toBe('{"b":{"k":1},"c":{"k":1}}');
  });

  it('rejects values JSON cannot represent faithfully', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      { n: Number.NEGATIVE_INFINITY },
      undefined,
      [1, undefined],
      { f: () => 1 },
      10n,
      { s: Symbol('s') },
      new Map([['a', 1]]),
      cyclic,
    ]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
  });
});

describe('sha256Hex / canonicalHash', () => {
  it('matches the FIPS 180-2 "abc" test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes UTF-8 like node:crypto', async () => {
    expect(await sha256Hex('Délibération n° 2011-42 — €')).toBe(nodeSha256('Délibération n° 2011-42 — €'));
  });

  it('hashes the canonical text of a fixed object', async () => {
    const expected = nodeSha256('{"a":[true,null,"é"],"b":1}');
    expect(await canonicalHash({ b: 1, a: [true, null, 'é'] })).toBe(expected);
  });

  it('gives the same hash for reordered keys and a different one for changed values', async () => {
    const h1 = await canonicalHash({ seance: { date: '2011-11-07', heure: '17:30' }, votes: [12, 3, 0] });
    const h2 = await canonicalHash({ votes: [12, 3, 0], seance: { heure: '17:30', date: '2011-11-07' } });
    const h3 = await canonicalHash({ votes: [12, 0, 3], seance: { heure: '17:30', date: '2011-11-07' } });
    expect(h1).toBe(h2);
    expect(h1).not.toBe(h3);
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
  });
});
