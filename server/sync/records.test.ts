import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrations';
import { openSqliteDriver } from '../db/sqlite';
import { fieldVersionsJson, getRecord, putRecord, stampOf } from './records';

/* field_versions has two stored forms (records.ts): both must read back to the same stamps. */
describe('field stamps of a stored record', () => {
  it('a record written whole keeps one common stamp; a later field stamp overrides it', async () => {
    const db = openSqliteDriver(':memory:');
    await migrate(db);
    const stamp = { v: 1, c: 'laptop' };
    await putRecord(db, {
      tbl: 'seances', id: 's1', organisationId: 'o', version: 2, seq: 1, body: { id: 's1', place: 'Salle', time: '17:30' },
      stamp, fieldVersions: { time: { v: 2, c: 'tablet' } },
    });
    const raw = await db.get<{ field_versions: string }>("SELECT field_versions FROM records WHERE id = 's1'");
    expect(JSON.parse(raw!.field_versions)).toEqual([stamp, { time: { v: 2, c: 'tablet' } }]);
    const r = (await getRecord(db, 'seances', 's1'))!;
    expect(stampOf(r, 'place')).toEqual(stamp);
    expect(stampOf(r, 'time')).toEqual({ v: 2, c: 'tablet' });
    // A field the record does not hold has no stamp: nothing to conflict with.
    expect(stampOf(r, 'urgencyReason')).toBeUndefined();
    await db.close();
  });

  it('an older row with every stamp spelled out reads as before', async () => {
    const db = openSqliteDriver(':memory:');
    await migrate(db);
    await db.run('INSERT INTO records (tbl, id, organisation_id, version, seq, body, field_versions) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      'seances', 's2', 'o', 1, 1, JSON.stringify({ id: 's2', place: 'Salle' }), JSON.stringify({ id: { v: 1, c: 'a' }, place: { v: 1, c: 'a' } }),
    ]);
    const r = (await getRecord(db, 'seances', 's2'))!;
    expect(r.stamp).toBeUndefined();
    expect(stampOf(r, 'place')).toEqual({ v: 1, c: 'a' });
    expect(stampOf(r, 'time')).toBeUndefined();
    await db.close();
  });

  it('the column of records sharing a stamp: new ones alike, one with its own stamps apart', () => {
    const stamp = { v: 3, c: 'laptop' };
    const fresh = fieldVersionsJson({ stamp, fieldVersions: {} });
    expect(JSON.parse(fresh)).toEqual([stamp, {}]);
    expect(JSON.parse(fieldVersionsJson({ stamp, fieldVersions: { place: { v: 4, c: 'tablet' } } }))).toEqual([stamp, { place: { v: 4, c: 'tablet' } }]);
    expect(fieldVersionsJson({ stamp, fieldVersions: {} })).toBe(fresh);
    // Another stamp object (another push): its own JSON, never the previous one's.
    expect(JSON.parse(fieldVersionsJson({ stamp: { v: 1, c: 'tablet' }, fieldVersions: {} }))).toEqual([{ v: 1, c: 'tablet' }, {}]);
  });
});
