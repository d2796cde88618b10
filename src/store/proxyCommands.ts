import { newId } from '../domain/ids';
import { membersInOffice } from '../domain/mandates';
import { checkProxy, PROXY_REFUSAL_FIELD } from '../domain/proxies';
import { ProxySchema, type Proxy, type Seance } from '../domain/schemas';
import { attendanceId } from './attendance';
import { db } from './db';
import { fromZod, ValidationError } from './errors';
import { assertSeanceOpen } from './guards';
import { commandTables, runCommand } from './commands';
import { patchOf } from './outbox';

/**
 * Records a pouvoir after checking it against CGCT L2121-20 (one per holder, at most three
 * consecutive séances, giver and holder in office…). A refusal names the rule; nothing is written.
 * The giver's attendance at each covered séance becomes "représenté".
 */
export async function createProxy(input: unknown, now = new Date()): Promise<Proxy> {
  const parsed = ProxySchema.safeParse({ ...(input as object), id: newId<'ProxyId'>(), updatedAt: now.toISOString() });
  if (!parsed.success) throw fromZod(parsed.error);
  const proxy = parsed.data;
  const d = db();
  await d.transaction('rw', commandTables(d), async () => {
    const seances = await d.seances.where('bodyId').equals(proxy.bodyId).toArray();
    const covered = seances.filter((s) => proxy.seanceIds.includes(s.id));
    for (const s of covered) assertSeanceOpen(s);
    const first = covered.map((s) => s.date).sort()[0] ?? proxy.writtenOn;
    const check = checkProxy(proxy, {
      existing: await d.proxies.where('bodyId').equals(proxy.bodyId).toArray(),
      inOffice: membersInOffice(await d.mandates.where('bodyId').equals(proxy.bodyId).toArray(), proxy.bodyId, first),
      seancesOfBody: seances.map((s) => ({ id: s.id, date: s.date })),
    });
    // Reported on the field it is about (the error's message is the same key, for the roll-call row).
    if (!check.ok) throw new ValidationError({ [PROXY_REFUSAL_FIELD[check.code]]: check.code });
    await runCommand({ name: 'proxy.create', recordId: proxy.id, baseVersion: 0, args: proxy }, now);
    for (const s of covered) {
      const id = attendanceId(s.id, proxy.giverId);
      const current = await d.attendance.get(id);
      const next = {
        id,
        seanceId: s.id,
        memberId: proxy.giverId,
        movements: current?.movements ?? [],
        version: current?.version ?? 0,
        status: 'represented' as const,
        updatedAt: now.toISOString(),
      };
      await runCommand(
        { name: 'attendance.set', recordId: id, baseVersion: current?.version ?? 0, args: patchOf(current, next, ['status', 'updatedAt']), after: next },
        now,
      );
    }
  });
  return proxy;
}

/** A pouvoir is always revocable; the record stays, marked revoked. */
export async function revokeProxy(proxyId: string, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', commandTables(d), async () => {
    const proxy = await d.proxies.get(proxyId as Proxy['id']);
    if (!proxy) throw new ValidationError({}, 'proxy.notFound');
    for (const sid of proxy.seanceIds) assertSeanceOpen(await d.seances.get(sid as Seance['id']));
    const at = now.toISOString();
    await runCommand({ name: 'proxy.revoke', recordId: proxy.id, baseVersion: proxy.version, args: { revokedAt: at, updatedAt: at } }, now);
    for (const sid of proxy.seanceIds) {
      const att = await d.attendance.get(attendanceId(sid, proxy.giverId));
      if (att?.status !== 'represented') continue;
      await runCommand({ name: 'attendance.set', recordId: att.id, baseVersion: att.version, args: { status: 'absent', updatedAt: at } }, now);
    }
  });
}
