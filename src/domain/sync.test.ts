import { describe, expect, it } from 'vitest';
import { syncedTables, tableOfMutation } from './sync';
import { syncedTableNames } from './syncTables';

describe('sync tables', () => {
  it('the light list of table names matches the table definitions', () => {
    expect([...syncedTableNames].sort()).toEqual(Object.keys(syncedTables).sort());
  });
  it('maps mutation names to their table', () => {
    expect(tableOfMutation('seance.create')).toBe('seances');
    expect(tableOfMutation('proxy.revoke')).toBe('proxies');
    expect(tableOfMutation('attendance.set')).toBe('attendance');
    expect(tableOfMutation('signature.create')).toBe('signatures');
    expect(tableOfMutation('inconnu.x')).toBe('inconnu');
  });
});
