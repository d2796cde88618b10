import { newId } from '../domain/ids';
import { SeanceSchema, type Seance } from '../domain/schemas';
import { db } from './db';
import { fromZod } from './errors';
import { enqueue } from './outbox';

/** Validates and stores a new séance with its outbox entry; nothing is written if invalid. */
export async function createSeance(draft: unknown, now = new Date()): Promise<Seance> {
  const parsed = SeanceSchema.safeParse({
    ...(draft as object),
    id: newId<'SeanceId'>(),
    updatedAt: now.toISOString(),
  });
  if (!parsed.success) throw fromZod(parsed.error);
  const seance = parsed.data;
  const d = db();
  await d.transaction('rw', [d.seances, d.outbox, d.meta], async () => {
    await d.seances.add(seance);
    await enqueue({ name: 'seance.create', recordId: seance.id, baseVersion: 0, args: seance }, now);
  });
  return seance;
}
