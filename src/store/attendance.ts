import type { Attendance, Proxy } from '../domain/schemas';
import { db } from './db';

/** Reads of the roll-call. Commands are in attendanceCommands.ts. */

export function attendanceId(seanceId: string, memberId: string): string {
  return `${seanceId}:${memberId}`;
}

export async function attendanceOf(seanceId: string): Promise<Attendance[]> {
  return db().attendance.where('seanceId').equals(seanceId).toArray();
}

/** Every proxy of a body, revoked ones included (the register keeps them). */
export async function proxiesOfBody(bodyId: string): Promise<Proxy[]> {
  return db().proxies.where('bodyId').equals(bodyId).toArray();
}
