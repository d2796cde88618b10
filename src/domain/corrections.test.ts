import { describe, expect, it } from 'vitest';
import { newId } from './ids';
import { CorrectionSchema } from './corrections';

const valid = {
  id: newId(), organisationId: newId(), seanceId: newId(), deliberationId: newId(), field: 'visas',
  before: ['Vu les projets de convention'], after: ['Vu les projets de conventions tripartites'],
  reason: 'Erreur matérielle', author: 'Mme Claire DUMONT, secrétaire de séance', at: '2011-11-08T09:00:00.000Z',
};

describe('CorrectionSchema', () => {
  it('accepts a correction with who, when and why', () => {
    expect(CorrectionSchema.parse(valid)).toMatchObject({ field: 'visas', version: 0 });
  });
  it('needs a reason and an author', () => {
    const r = CorrectionSchema.safeParse({ ...valid, reason: '  ', author: '' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reason', 'error.required'], ['author', 'error.required']]);
  });
  it('corrects text only, never the vote', () => {
    expect(CorrectionSchema.safeParse({ ...valid, field: 'yes' }).success).toBe(false);
  });
});
