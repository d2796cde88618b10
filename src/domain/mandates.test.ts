import { describe, expect, it } from 'vitest';
import type { BodyId, MandateId, MemberId } from './ids';
import { mandateCovers, membersInOffice } from './mandates';
import type { Mandate, MandateRole } from './schemas';

const bureau = 'body-bureau' as BodyId;
const comite = 'body-comite' as BodyId;
const m = (s: string) => s as MemberId;

let seq = 0;
function mandate(memberId: string, role: MandateRole, start: string, end?: string, bodyId = bureau): Mandate {
  seq += 1;
  return {
    id: `mandate-${seq}` as MandateId,
    bodyId,
    memberId: m(memberId),
    role,
    start,
    end,
    version: 0,
    updatedAt: '',
  };
}

describe('mandateCovers', () => {
  const mdt = mandate('a', 'member', '2020-07-10', '2026-03-15');
  it('includes the first and the last day', () => {
    expect(mandateCovers(mdt, '2020-07-10')).toBe(true);
    expect(mandateCovers(mdt, '2026-03-15')).toBe(true);
  });
  it('excludes the day before the start and the day after the end', () => {
    expect(mandateCovers(mdt, '2020-07-09')).toBe(false);
    expect(mandateCovers(mdt, '2026-03-16')).toBe(false);
  });
  it('an open-ended mandate covers any later day', () => {
    expect(mandateCovers(mandate('a', 'member', '2020-07-10'), '2099-12-31')).toBe(true);
  });
});

describe('membersInOffice', () => {
  it('keeps titular roles whose mandate covers the date, in input order', () => {
    const mandates = [
      mandate('c', 'member', '2020-01-01'),
      mandate('a', 'president', '2020-01-01'),
      mandate('b', 'vice_president', '2020-01-01', '2030-01-01'),
    ];
    expect(membersInOffice(mandates, bureau, '2024-05-01')).toEqual([m('c'), m('a'), m('b')]);
  });

  it('does not count a suppléant as a member in office', () => {
    const mandates = [mandate('a', 'member', '2020-01-01'), mandate('s', 'substitute', '2020-01-01')];
    expect(membersInOffice(mandates, bureau, '2024-05-01')).toEqual([m('a')]);
  });

  it('ignores mandates not yet started, already ended, or for another body', () => {
    const mandates = [
      mandate('future', 'member', '2024-05-02'),
      mandate('past', 'member', '2020-01-01', '2024-04-30'),
      mandate('other', 'member', '2020-01-01', undefined, comite),
      mandate('a', 'member', '2020-01-01'),
    ];
    expect(membersInOffice(mandates, bureau, '2024-05-01')).toEqual([m('a')]);
  });

  it('lists a member once when two mandates cover the date', () => {
    const mandates = [
      mandate('a', 'member', '2020-01-01', '2024-05-01'),
      mandate('b', 'member', '2020-01-01'),
      mandate('a', 'president', '2024-05-01'),
    ];
    expect(membersInOffice(mandates, bureau, '2024-05-01')).toEqual([m('a'), m('b')]);
  });

  it('a member who is titular on one body and suppléant on another counts only where titular', () => {
    const mandates = [mandate('a', 'substitute', '2020-01-01'), mandate('a', 'member', '2020-01-01', undefined, comite)];
    expect(membersInOffice(mandates, bureau, '2024-05-01')).toEqual([]);
    expect(membersInOffice(mandates, comite, '2024-05-01')).toEqual([m('a')]);
  });

  it('returns an empty list for no mandates', () => {
    expect(membersInOffice([], bureau, '2024-05-01')).toEqual([]);
  });
});
