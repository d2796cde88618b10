import { describe, expect, it } from 'vitest';
import { syncedTables, type SyncedTable } from '../../src/domain/sync';
import { REFERENCES, referencesOf } from './push';

describe('referencesOf', () => {
  it("lists exactly the reference fields of each table's schema", () => {
    expect(referencesOf('seances').map(([f]) => f)).toEqual(['bodyId']);
    expect(referencesOf('attendance').map(([f]) => f).sort()).toEqual(['memberId', 'seanceId']);
    expect(referencesOf('deliberations').map(([f]) => f).sort()).toEqual(['rectifies', 'seanceId']);
    expect(referencesOf('votes').map(([f]) => f)).toEqual(['deliberationId']);
  });

  it('never leaves out a reference a schema has; a schema that hides its fields gets them all', () => {
    for (const table of Object.keys(syncedTables) as SyncedTable[]) {
      const shape = (syncedTables[table].schema as { shape?: Record<string, unknown> }).shape;
      const refs = referencesOf(table).map(([f]) => f);
      if (!shape) expect(refs, table).toEqual(REFERENCES.map(([f]) => f));
      else for (const [field] of REFERENCES) expect(refs.includes(field), `${table}.${field}`).toBe(Object.hasOwn(shape, field));
    }
  });
});
