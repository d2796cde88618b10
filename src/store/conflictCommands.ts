import { db } from './db';
import { enqueue } from './outbox';

/**
 * Settles a conflict. Keeping the server's value only marks it resolved; keeping this device's
 * value writes it again on top of the current server version, so it is a normal edit.
 */
export async function resolveConflict(conflictId: string, choice: 'server' | 'client', now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.conflicts, d.outbox, d.meta, ...d.tables.filter((t) => ['seances', 'attendance', 'proxies', 'deliberations', 'votes', 'organisations', 'bodies', 'members', 'mandates'].includes(t.name))], async () => {
    const c = await d.conflicts.get(conflictId);
    if (!c || c.resolved) return;
    if (choice === 'client' && d.tables.some((t) => t.name === c.table)) {
      const table = d.table(c.table);
      const record = (await table.get(c.recordId)) as Record<string, unknown> | undefined;
      if (record) {
        await table.put({ ...record, [c.field]: c.clientValue });
        await enqueue(
          { name: `${c.table}.resolve`, table: c.table, recordId: c.recordId, baseVersion: Number(record.version ?? 0), args: { [c.field]: c.clientValue } },
          now,
        );
      }
    }
    await d.conflicts.put({ ...c, resolved: true, choice });
    await enqueue({ name: 'conflict.resolve', table: 'conflicts', recordId: c.id, baseVersion: c.version, args: { resolved: true, choice } }, now);
  });
}

export async function dismissSyncIssue(mutationId: number): Promise<void> {
  await db().syncIssues.delete(mutationId);
}

/** The open conflicts this device's changes ran into: the one whose value lost decides. */
export async function openConflicts() {
  const me = (await db().meta.get('clientId'))?.value;
  return (await db().conflicts.toArray()).filter((c) => !c.resolved && c.clientId === me);
}

export async function syncIssues() {
  return db().syncIssues.orderBy('mutationId').toArray();
}
