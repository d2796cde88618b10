import { MovementSchema, type Attendance, type AttendanceStatus, type Movement, type Seance } from '../domain/schemas';
import { attendanceId } from './attendance';
import { db } from './db';
import { fromZod, ValidationError } from './errors';
import { assertSeanceOpen } from './guards';
import { commandTables, runCommand } from './commands';
import { patchOf } from './outbox';

/*
 * Roll-call commands. Each writes the attendance rows and one outbox entry in a single
 * transaction; they are fast enough to run on every key press of the secretary.
 */

// The command's check reads the séance's pouvoirs, items and votes (domain/commands.ts).
const tables = () => commandTables(db());

function row(seanceId: string, memberId: string, existing: Attendance | undefined, now: Date): Attendance {
  return (
    existing ?? {
      id: attendanceId(seanceId, memberId),
      seanceId: seanceId as Attendance['seanceId'],
      memberId: memberId as Attendance['memberId'],
      status: 'absent',
      movements: [],
      version: 0,
      updatedAt: now.toISOString(),
    }
  );
}

export async function setAttendanceStatus(
  seanceId: string,
  memberId: string,
  status: AttendanceStatus,
  now = new Date(),
): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    assertSeanceOpen(await d.seances.get(seanceId as Seance['id']));
    const current = await d.attendance.get(attendanceId(seanceId, memberId));
    const next = { ...row(seanceId, memberId, current, now), status, updatedAt: now.toISOString() };
    await runCommand(
      { name: 'attendance.set', recordId: next.id, baseVersion: current?.version ?? 0, args: patchOf(current, next, ['status', 'updatedAt']), after: next },
      now,
    );
  });
}

/** "Tous présents": every listed member present, in one step (one undo). */
export async function setAllPresent(seanceId: string, memberIds: string[], now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    assertSeanceOpen(await d.seances.get(seanceId as Seance['id']));
    const current = await d.attendance.bulkGet(memberIds.map((m) => attendanceId(seanceId, m)));
    const rows = memberIds.map((m, i) => ({ ...row(seanceId, m, current[i], now), status: 'present' as const, updatedAt: now.toISOString() }));
    for (const [i, r] of rows.entries()) {
      const before = current[i];
      if (before?.status === 'present') continue;
      await runCommand(
        { name: 'attendance.set', recordId: r.id, baseVersion: before?.version ?? 0, args: patchOf(before, r, ['status', 'updatedAt']), after: r },
        now,
      );
    }
  });
}

/** Records an arrival or a departure, effective from an agenda item on. */
export async function addMovement(seanceId: string, memberId: string, movement: Movement, now = new Date()): Promise<void> {
  const parsed = MovementSchema.safeParse(movement);
  if (!parsed.success) throw fromZod(parsed.error);
  const d = db();
  await d.transaction('rw', tables(), async () => {
    assertSeanceOpen(await d.seances.get(seanceId as Seance['id']));
    const stored = await d.attendance.get(attendanceId(seanceId, memberId));
    const current = row(seanceId, memberId, stored, now);
    if (current.movements.some((m) => m.fromOrder === parsed.data.fromOrder)) {
      throw new ValidationError({ fromOrder: 'attendance.movementExists' });
    }
    const movements = [...current.movements, parsed.data].sort((a, b) => a.fromOrder - b.fromOrder);
    const next = { ...current, movements, updatedAt: now.toISOString() };
    await runCommand(
      { name: 'attendance.movement', recordId: current.id, baseVersion: current.version, args: patchOf(stored, next, ['movements', 'updatedAt']), after: next },
      now,
    );
  });
}

export async function removeMovement(seanceId: string, memberId: string, fromOrder: number, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    assertSeanceOpen(await d.seances.get(seanceId as Seance['id']));
    const current = await d.attendance.get(attendanceId(seanceId, memberId));
    if (!current) return;
    const movements = current.movements.filter((m) => m.fromOrder !== fromOrder);
    const next = { ...current, movements, updatedAt: now.toISOString() };
    await runCommand(
      { name: 'attendance.movement', recordId: current.id, baseVersion: current.version, args: { movements, updatedAt: next.updatedAt }, after: next },
      now,
    );
  });
}
