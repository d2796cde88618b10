import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, shapeProblem } from './jsonShape';

const nested = (depth: number): unknown => {
  let v: unknown = 'fond';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('the shape of a JSON body', () => {
  it('lets through what the app sends: nested a few levels, any text but NUL', () => {
    expect(shapeProblem({ clientId: 'x', mutations: [{ args: { lines: ['Vu le code', 'Considérant « 1 »'], subject: { kind: 'minutes' } } }] })).toBeUndefined();
    expect(shapeProblem(nested(MAX_DEPTH))).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, even 10,000 deep, without overflowing', () => {
    expect(shapeProblem(nested(MAX_DEPTH + 1))).toBe(`depth > ${MAX_DEPTH}`);
    expect(shapeProblem(JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)))).toBe(`depth > ${MAX_DEPTH}`);
  });

  it('refuses a NUL character in a value or in a key, at any depth', () => {
    expect(shapeProblem({ a: [{ b: 'x\u0000y' }] })).toBe('NUL');
    expect(shapeProblem({ ['k\u0000']: 1 })).toBe('NUL');
  });
});
