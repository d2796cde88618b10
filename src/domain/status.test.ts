import { describe, expect, it } from 'vitest';
import { seanceStatuses } from './schemas';
import { canEdit, canVote, isClosed, isSealed } from './status';

describe('what a status allows', () => {
  it('gives every status exactly one of: editable, closed', () => {
    for (const s of seanceStatuses) expect(canEdit(s) !== isClosed(s), s).toBe(true);
  });

  it('seals signed and published séances only, and is false for anything that is not a status', () => {
    expect(seanceStatuses.filter(isSealed)).toEqual(['signed', 'published']);
    expect(seanceStatuses.filter(isClosed)).toEqual(['closed', 'signed', 'published']);
    for (const v of [undefined, null, 3, {}, 'SIGNED', '']) {
      expect(isSealed(v)).toBe(false);
      expect(isClosed(v)).toBe(false);
    }
  });

  it('takes votes only while the séance is in progress', () => {
    expect(seanceStatuses.filter(canVote)).toEqual(['in_progress']);
  });
});
