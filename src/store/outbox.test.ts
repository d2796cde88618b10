import { describe, expect, it } from 'vitest';
import { patchOf } from './outbox';

interface Rec {
  id: string;
  place: string;
  presidentId?: string;
  note?: string;
}

describe('patchOf', () => {
  it('sends the whole record when it is new', () => {
    const after: Rec = { id: 'a', place: 'Salle' };
    expect(patchOf(undefined, after, ['place'])).toBe(after);
  });

  it('sends only the listed fields of an existing record', () => {
    const before: Rec = { id: 'a', place: 'Salle', note: 'x' };
    expect(patchOf(before, { ...before, place: 'Mairie' }, ['place'])).toEqual({ place: 'Mairie' });
  });

  it('sends null for a field present before and absent after, so the server removes it', () => {
    const before: Rec = { id: 'a', place: 'Salle', presidentId: 'm1' };
    const after: Rec = { id: 'a', place: 'Salle' };
    const patch = patchOf(before, after, ['presidentId', 'note']);
    expect(patch).toEqual({ presidentId: null });
    // Survives JSON (undefined would vanish and mean "unchanged").
    expect(JSON.parse(JSON.stringify(patch))).toEqual({ presidentId: null });
  });

  it('leaves out a field absent before and after', () => {
    const before: Rec = { id: 'a', place: 'Salle' };
    expect(patchOf(before, { ...before }, ['note'])).toEqual({});
  });
});
