import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkConvocation,
  clearDaysBetween,
  earliestReconvocationDate,
  requiredClearDays,
} from './convocation';

describe('clearDaysBetween (jours francs)', () => {
  it.each([
    ['2011-11-01', '2011-11-05', 3],
    ['2011-11-01', '2011-11-02', 0],
    ['2011-11-01', '2011-11-01', 0],
    ['2011-11-05', '2011-11-01', 0],
    // Leap year: 28 and 29 February, then 1 March.
    ['2024-02-27', '2024-03-02', 3],
    // Common year: 28 February, then 1 March.
    ['2023-02-27', '2023-03-02', 2],
    // 2000 is a leap year, 1900 was not (century rule).
    ['2000-02-28', '2000-03-01', 1],
    ['2100-02-28', '2100-03-01', 0],
    // Month of 30 days, then the new year.
    ['2024-04-29', '2024-05-02', 2],
    ['2011-12-30', '2012-01-03', 3],
    // Across the DST change of 31 March 2024 in France: still whole days.
    ['2024-03-29', '2024-04-02', 3],
  ] as const)('sent %s, séance %s → %i', (sent, seance, expected) => {
    expect(clearDaysBetween(sent, seance)).toBe(expected);
  });

  it('rejects malformed or non-existent dates', () => {
    expect(() => clearDaysBetween('2023-02-29', '2023-03-05')).toThrow(RangeError);
    expect(() => clearDaysBetween('1/11/2011', '2011-11-05')).toThrow(RangeError);
  });
});

describe('requiredClearDays (CGCT L2121-11, L2121-12)', () => {
  it('3 below 3,500 inhabitants, 5 from 3,500, 1 in urgency', () => {
    expect(requiredClearDays(3_499, false)).toBe(3);
    expect(requiredClearDays(3_500, false)).toBe(5);
    expect(requiredClearDays(120_000, false)).toBe(5);
    expect(requiredClearDays(0, false)).toBe(3);
    expect(requiredClearDays(3_499, true)).toBe(1);
    expect(requiredClearDays(50_000, true)).toBe(1);
  });
});

describe('checkConvocation', () => {
  const base = { sentIso: '2011-11-01', seanceIso: '2011-11-05', population: 2_000, urgencyReason: '' };

  it('accepts 3 jours francs below 3,500 inhabitants', () => {
    expect(checkConvocation(base)).toEqual({ clearDays: 3, required: 3, ok: true });
  });

  it('refuses the same delay from 3,500 inhabitants, pointing to urgency', () => {
    expect(checkConvocation({ ...base, population: 3_500 })).toEqual({
      clearDays: 3,
      required: 5,
      ok: false,
      code: 'convocation.urgencyNeedsReason',
    });
  });

  it('accepts 5 jours francs from 3,500 inhabitants', () => {
    expect(checkConvocation({ ...base, sentIso: '2011-10-30', population: 3_500 }).ok).toBe(true);
  });

  it('accepts one jour franc with a recorded urgency reason', () => {
    const urgent = { ...base, sentIso: '2011-11-03', urgencyReason: 'Délai de dépôt de la subvention' };
    expect(checkConvocation(urgent)).toEqual({ clearDays: 1, required: 1, ok: true });
  });

  it('a blank reason is no urgency', () => {
    const check = checkConvocation({ ...base, sentIso: '2011-11-03', urgencyReason: '   ' });
    expect(check).toEqual({ clearDays: 1, required: 3, ok: false, code: 'convocation.urgencyNeedsReason' });
  });

  it('refuses less than one jour franc even in urgency', () => {
    const check = checkConvocation({ ...base, sentIso: '2011-11-04', urgencyReason: 'Sinistre' });
    expect(check).toEqual({ clearDays: 0, required: 1, ok: false, code: 'convocation.short' });
  });

  it('refuses a same-eve convocation without reason as simply too short', () => {
    expect(checkConvocation({ ...base, sentIso: '2011-11-04' }).code).toBe('convocation.short');
  });
});

describe('earliestReconvocationDate (CGCT L2121-17)', () => {
  it.each([
    ['2011-11-07', '2011-11-10'],
    ['2024-02-27', '2024-03-01'],
    ['2024-02-28', '2024-03-02'],
    ['2023-02-27', '2023-03-02'],
    ['2011-12-30', '2012-01-02'],
    ['2024-04-29', '2024-05-02'],
  ] as const)('failed %s → %s', (failed, expected) => {
    expect(earliestReconvocationDate(failed)).toBe(expected);
  });
});

describe('addDays', () => {
  it('goes backwards too', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2012-01-01', -1)).toBe('2011-12-31');
  });
});
