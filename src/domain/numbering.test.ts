import { describe, expect, it } from 'vitest';
import {
  assignRegistryNumbers,
  DEFAULT_REGISTRY_PATTERN,
  formatRegistryNumber,
  resolveOrderCollisions,
} from './numbering';
import type { NumberedItem } from './numbering';

// UUIDv7-shaped ids: the 48-bit prefix is the creation time in ms, so ids sort by creation.
const id = (ms: number, rand = 0) =>
  `${ms.toString(16).padStart(12, '0').replace(/^(.{8})/, '$1-')}-7000-8000-${String(rand).padStart(12, '0')}`;
const delib = (itemId: string, orderNumber: number, registryNumber?: string): NumberedItem =>
  registryNumber === undefined
    ? { id: itemId, orderNumber, kind: 'deliberation' }
    : { id: itemId, orderNumber, kind: 'deliberation', registryNumber };

describe('formatRegistryNumber', () => {
  it('gives the reference number 20111107_DL_04', () => {
    expect(formatRegistryNumber(DEFAULT_REGISTRY_PATTERN, { date: '2011-11-07', seq: 4 })).toBe('20111107_DL_04');
  });
  it.each([
    [1, '20111107_DL_01'],
    [10, '20111107_DL_10'],
    [99, '20111107_DL_99'],
    [100, '20111107_DL_100'],
    [123, '20111107_DL_123'],
  ])('pads {NN} to two digits, more when needed: %i', (seq, expected) => {
    expect(formatRegistryNumber(DEFAULT_REGISTRY_PATTERN, { date: '2011-11-07', seq })).toBe(expected);
  });
  it('supports {N} and {TYPE}', () => {
    expect(formatRegistryNumber('{TYPE}-{YYYY}-{N}', { date: '2024-03-05', seq: 7, type: 'BU' })).toBe('BU-2024-7');
    expect(formatRegistryNumber('{DD}/{MM}/{YYYY} n°{NN}', { date: '2024-03-05', seq: 7 })).toBe('05/03/2024 n°07');
  });
  it('refuses a pattern without a sequence, an unknown token, a missing type', () => {
    expect(() => formatRegistryNumber('{YYYY}{MM}{DD}', { date: '2011-11-07', seq: 4 })).toThrow(/\{NN\} ou \{N\}/);
    expect(() => formatRegistryNumber('{YY}_{NN}', { date: '2011-11-07', seq: 4 })).toThrow(/\{YY\}/);
    expect(() => formatRegistryNumber('{TYPE}_{NN}', { date: '2011-11-07', seq: 4 })).toThrow(/\{TYPE\}/);
  });
  it('refuses a bad date or sequence', () => {
    expect(() => formatRegistryNumber(DEFAULT_REGISTRY_PATTERN, { date: '07/11/2011', seq: 4 })).toThrow(/Date/);
    expect(() => formatRegistryNumber(DEFAULT_REGISTRY_PATTERN, { date: '2011-11-07', seq: 0 })).toThrow(/séquence/);
    expect(() => formatRegistryNumber(DEFAULT_REGISTRY_PATTERN, { date: '2011-11-07', seq: 1.5 })).toThrow(/séquence/);
  });
});

describe('assignRegistryNumbers', () => {
  const date = '2011-11-07';
  it('numbers deliberations by their order number, not information items', () => {
    const items: NumberedItem[] = [
      delib(id(1), 1), { id: id(2), orderNumber: 2, kind: 'information' }, delib(id(3), 3),
    ];
    const numbers = assignRegistryNumbers(items, date, DEFAULT_REGISTRY_PATTERN);
    expect([...numbers]).toEqual([[id(1), '20111107_DL_01'], [id(3), '20111107_DL_03']]);
  });
  it('keeps existing numbers', () => {
    const items = [delib(id(1), 1, 'ANCIEN-1'), delib(id(2), 2)];
    const numbers = assignRegistryNumbers(items, date, DEFAULT_REGISTRY_PATTERN);
    expect(numbers.get(id(1))).toBe('ANCIEN-1');
    expect(numbers.get(id(2))).toBe('20111107_DL_02');
  });
  it('refuses two items with one order number', () => {
    expect(() => assignRegistryNumbers([delib(id(1), 4), delib(id(2), 4)], date, DEFAULT_REGISTRY_PATTERN))
      .toThrow(/Numéro d'ordre 4/);
  });
  it('refuses a new number that collides with an existing one', () => {
    const items = [delib(id(1), 1, '20111107_DL_02'), delib(id(2), 2)];
    expect(() => assignRegistryNumbers(items, date, DEFAULT_REGISTRY_PATTERN)).toThrow(/20111107_DL_02/);
  });
  it('refuses two items already carrying one number', () => {
    const items = [delib(id(1), 1, 'X-1'), delib(id(2), 2, 'X-1')];
    expect(() => assignRegistryNumbers(items, date, DEFAULT_REGISTRY_PATTERN)).toThrow(/X-1/);
  });
  it('refuses a number taken by another séance of the same day', () => {
    expect(() => assignRegistryNumbers([delib(id(1), 1)], date, DEFAULT_REGISTRY_PATTERN, { taken: ['20111107_DL_01'] }))
      .toThrow(/autre séance/);
    const typed = assignRegistryNumbers([delib(id(1), 1)], date, '{YYYY}{MM}{DD}_{TYPE}_{NN}', { type: 'CS', taken: ['20111107_BU_01'] });
    expect(typed.get(id(1))).toBe('20111107_CS_01');
  });
});

describe('resolveOrderCollisions', () => {
  it('keeps unique order numbers', () => {
    const items = [{ id: id(2), orderNumber: 2 }, { id: id(1), orderNumber: 1 }];
    expect(resolveOrderCollisions(items)).toEqual([{ id: id(1), orderNumber: 1 }, { id: id(2), orderNumber: 2 }]);
  });
  it('moves the later-created duplicate after the maximum, keeping relative order', () => {
    const items = [
      { id: id(10), orderNumber: 1 }, { id: id(11), orderNumber: 2 },
      { id: id(30), orderNumber: 2 }, { id: id(20), orderNumber: 2 }, { id: id(40), orderNumber: 1 },
    ];
    expect(resolveOrderCollisions(items)).toEqual([
      { id: id(10), orderNumber: 1 }, { id: id(11), orderNumber: 2 },
      { id: id(40), orderNumber: 3 }, { id: id(20), orderNumber: 4 }, { id: id(30), orderNumber: 5 },
    ]);
  });
  it('never moves an item that already has a registry number', () => {
    const items = [{ id: id(5), orderNumber: 3 }, { id: id(9), orderNumber: 3, registryNumber: '20111107_DL_03' }];
    expect(resolveOrderCollisions(items)).toEqual([
      { id: id(9), orderNumber: 3, registryNumber: '20111107_DL_03' }, { id: id(5), orderNumber: 4 },
    ]);
  });
  it('refuses the same id twice', () => {
    expect(() => resolveOrderCollisions([{ id: id(1), orderNumber: 1 }, { id: id(1), orderNumber: 2 }])).toThrow(/deux fois/);
  });
});

describe('two devices adding deliberations offline to one séance', () => {
  // The agenda fixed at the opening: items 1-3, item 2 an information item.
  const agenda: NumberedItem[] = [delib(id(100), 1), { id: id(101), orderNumber: 2, kind: 'information' }, delib(id(102), 3)];
  // Laptop (clock slightly behind) adds one item; tablet adds two. Both take max + 1 = 4.
  const laptop = [delib(id(5000, 1), 4)];
  const tablet = [delib(id(4000, 2), 4), delib(id(6000, 2), 5)];

  const permutations = <T>(list: T[]): T[][] =>
    list.length <= 1 ? [list] : list.flatMap((x, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((p) => [x, ...p]));

  it('merge then numbering gives distinct numbers, the same whatever the merge order', () => {
    const merged = [...agenda, ...laptop, ...tablet];
    const results = permutations(merged).map((input) => {
      const resolved = resolveOrderCollisions(input);
      return [...assignRegistryNumbers(resolved, '2011-11-07', DEFAULT_REGISTRY_PATTERN)];
    });
    const expected: [string, string][] = [
      [id(100), '20111107_DL_01'],
      [id(102), '20111107_DL_03'],
      [id(4000, 2), '20111107_DL_04'], // created first: keeps 4
      [id(6000, 2), '20111107_DL_05'],
      [id(5000, 1), '20111107_DL_06'], // created later with a duplicate 4: moved to 6
    ];
    expect(results).toHaveLength(720);
    for (const result of results) expect(result).toEqual(expected);
    expect(new Set(expected.map(([, n]) => n)).size).toBe(expected.length);
  });
  it('without the merge step, numbering refuses the duplicate order number', () => {
    expect(() => assignRegistryNumbers([...agenda, ...laptop, ...tablet], '2011-11-07', DEFAULT_REGISTRY_PATTERN))
      .toThrow(/Numéro d'ordre 4/);
  });
});
