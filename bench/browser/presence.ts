import { newId } from '../../src/domain/ids';
import type { Mandate, Member } from '../../src/domain/schemas';
import { setAttendanceStatus } from '../../src/store/attendanceCommands';
import { RegistreDb, useDatabase } from '../../src/store/db';
import { createSeance } from '../../src/store/seanceCommands';
import { percentile, type Sample } from './stats';

/**
 * Marking presence for a 60-member body: time from the tap's command to the IndexedDB commit,
 * against a raw Dexie put of the same record, interleaved in the same run.
 */
export async function presenceBench(rounds = 5): Promise<Sample[]> {
  const db = new RegistreDb(`bench-presence-${Date.now()}`);
  useDatabase(db);
  await db.open();
  const orgId = newId<'OrganisationId'>();
  const bodyId = newId<'BodyId'>();
  const members: Member[] = Array.from({ length: 60 }, (_, i) => ({
    id: newId<'MemberId'>(),
    organisationId: orgId,
    civility: 'Mme',
    firstName: 'Élue',
    lastName: `MEMBRE${i}`,
    version: 0,
    updatedAt: '',
  }));
  const mandates: Mandate[] = members.map((m) => ({
    id: newId<'MandateId'>(),
    bodyId,
    memberId: m.id,
    role: 'member',
    start: '2020-01-01',
    version: 0,
    updatedAt: '',
  }));
  await db.members.bulkAdd(members);
  await db.mandates.bulkAdd(mandates);
  const seance = await createSeance({
    organisationId: orgId,
    bodyId,
    date: '2026-11-28',
    time: '18:00',
    place: 'Salle',
    convocationDate: '2026-11-20',
  });

  const ours: number[] = [];
  const raw: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of members) {
      const status = r % 2 === 0 ? 'present' : 'absent';
      let t0 = performance.now();
      await setAttendanceStatus(seance.id, m.id, status);
      ours.push(performance.now() - t0);

      const record = (await db.attendance.get(`${seance.id}:${m.id}`))!;
      t0 = performance.now();
      await db.attendance.put({ ...record, status });
      raw.push(performance.now() - t0);
    }
  }
  db.close();
  await db.delete();
  return [
    {
      name: `presence, 60 members x ${rounds}: p95 command to commit`,
      value: percentile(ours, 95),
      unit: 'ms',
      baselineName: 'raw Dexie put p95',
      baseline: percentile(raw, 95),
    },
  ];
}
