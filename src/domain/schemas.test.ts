import { describe, expect, it } from 'vitest';
import { MAX_LOGO_BYTES, OrganisationSchema, isoDate } from './schemas';

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

describe('OrganisationSchema logo', () => {
  const org = {
    id: '01a2223c-0000-7000-8000-000000000001', name: 'Syndicat mixte', kind: 'syndicat_mixte',
  };
  const logo = { sha256: 'ab'.repeat(32), fileName: 'logo.png', contentType: 'image/png', size: 465, width: 160, height: 120 };

  it('accepts an organisation without a logo, and one with a PNG or JPEG of 1 MiB at most', () => {
    expect(OrganisationSchema.parse(org).logo).toBeUndefined();
    expect(OrganisationSchema.parse({ ...org, logo }).logo).toEqual(logo);
    const jpeg = { ...logo, contentType: 'image/jpeg', size: MAX_LOGO_BYTES, width: undefined, height: undefined };
    expect(OrganisationSchema.safeParse({ ...org, logo: jpeg }).success).toBe(true);
  });

  it('refuses another type, more than 1 MiB, a bad hash or a name too long, with catalog keys', () => {
    const issue = (l: object) => OrganisationSchema.safeParse({ ...org, logo: { ...logo, ...l } }).error?.issues[0];
    expect(issue({ contentType: 'image/svg+xml' })?.message).toBe('admin.logoNotImage');
    expect(issue({ contentType: 'application/pdf' })?.message).toBe('admin.logoNotImage');
    expect(issue({ size: MAX_LOGO_BYTES + 1 })?.message).toBe('admin.logoTooLarge');
    expect(issue({ sha256: 'AB'.repeat(32) })?.path).toEqual(['logo', 'sha256']);
    expect(issue({ fileName: 'x'.repeat(201) })?.message).toBe('error.tooLong');
    expect(issue({ size: 0 })).toBeDefined();
  });
});
