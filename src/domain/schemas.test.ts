import { describe, expect, it } from 'vitest';
import { isoDate } from './schemas';

describe('isoDate', () => {
  it('accepts calendar days, leap days included', () => {
    for (const day of ['2011-11-07', '2024-02-29', '2000-02-29', '2023-12-31', '2023-04-30']) expect(isoDate.safeParse(day).success, day).toBe(true);
  });

  it('refuses days a month does not have, with the catalog key', () => {
    for (const day of ['2023-02-29', '1900-02-29', '2011-04-31', '2011-13-01', '2011-00-10', '2011-01-00', '2011-01-32']) {
      const r = isoDate.safeParse(day);
      expect(r.success, day).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('error.date');
    }
  });

  it('refuses anything but YYYY-MM-DD', () => {
    for (const s of ['2011-1-07', '07/11/2011', ' 2011-11-07', '2011-11-07T00:00', '', '20111107']) expect(isoDate.safeParse(s).success, s).toBe(false);
  });
});
