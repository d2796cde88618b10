import { parseSeanceFileText, SEANCE_FILE_FORMAT, SEANCE_FILE_VERSION, type SeanceFile } from '../domain/seanceFile';
import { withFrozen } from '../domain/frozen';
import type { Seance } from '../domain/schemas';
import { db } from './db';
import { ValidationError } from './errors';
import { enqueue } from './outbox';
import { isClosed, isSealed } from '../domain/status';

/**
 * Everything the documents of a séance need, read in one transaction; with its seal and the
 * public keys its signatures and seal name, so that `npm run verify` can check them (decision 005).
 */
export async function exportSeanceFile(seanceId: string, now = new Date()): Promise<SeanceFile> {
  const d = db();
  const tables = [d.seances, d.organisations, d.bodies, d.members, d.mandates, d.attendance, d.proxies, d.deliberations, d.votes, d.signatures, d.conventions, d.seals, d.publicKeys];
  const file = await d.transaction('r', tables, async () => {
    const seance = await d.seances.get(seanceId as Seance['id']);
    if (!seance) throw new ValidationError({}, 'seance.notFound');
    const [organisation, body] = await Promise.all([d.organisations.get(seance.organisationId), d.bodies.get(seance.bodyId)]);
    if (!organisation || !body) throw new ValidationError({}, 'seance.notFound');
    const deliberations = await d.deliberations.where('seanceId').equals(seance.id).toArray();
    const signatures = await d.signatures.where('seanceId').equals(seance.id).toArray();
    const seal = await d.seals.get(seance.id);
    const named = [...new Set([...signatures.map((s) => s.deviceKeyId), ...(seal?.keyId ? [seal.keyId] : [])])];
    const keys = (await d.publicKeys.bulkGet(named)).filter((k) => !!k);
    return {
      format: SEANCE_FILE_FORMAT,
      version: SEANCE_FILE_VERSION,
      exportedAt: now.toISOString(),
      organisation,
      body,
      members: await d.members.where('organisationId').equals(seance.organisationId).toArray(),
      mandates: await d.mandates.where('bodyId').equals(seance.bodyId).toArray(),
      seance,
      attendance: await d.attendance.where('seanceId').equals(seance.id).toArray(),
      proxies: (await d.proxies.where('bodyId').equals(seance.bodyId).toArray()).filter((p) => p.seanceIds.includes(seance.id)),
      deliberations,
      votes: (await d.votes.bulkGet(deliberations.map((x) => x.id))).filter((v) => !!v),
      conventions: await d.conventions.where('seanceId').equals(seance.id).toArray(),
      signatures,
      ...(seal ? { seal } : {}),
      keys,
    } satisfies SeanceFile;
  });
  // What the documents print of a closed séance: the names and mandates frozen at its closing.
  return withFrozen(file);
}

/**
 * Imports a séance file (moved by USB key when there is no network): all or nothing. An invalid
 * file is refused with the first problem in French and nothing is written. Imported records
 * are queued for sync like any local change, so the server checks them again.
 */
export async function importSeanceFile(text: string, now = new Date()): Promise<SeanceFile> {
  const parsed = parseSeanceFileText(text);
  if (!parsed.ok) throw new ValidationError({}, parsed.message);
  const f = parsed.file;
  const d = db();
  await d.transaction(
    'rw',
    [d.organisations, d.bodies, d.members, d.mandates, d.seances, d.attendance, d.proxies, d.deliberations, d.votes, d.conventions, d.signatures, d.outbox, d.meta],
    async () => {
      // Each record is stored as the file holds it, and sent as the commands that lawfully lead
      // there (the server checks each one, docs/decisions/004): the séance is held, its roll-call,
      // pouvoirs, items and votes recorded, its acts numbered, then it is closed, signed, sealed.
      const send = (name: string, table: string, key: string, args: Record<string, unknown>, baseVersion = 0) =>
        enqueue({ name, table, recordId: key, baseVersion, args }, now);
      const put = (table: string, record: object) => d.table(table).put(record);
      // Reference data already known here is kept as is; only what is missing is added.
      if (!(await d.organisations.get(f.organisation.id))) await d.organisations.put(f.organisation);
      if (!(await d.bodies.get(f.body.id))) await d.bodies.put(f.body);
      for (const m of f.members) if (!(await d.members.get(m.id))) await d.members.put(m);
      for (const m of f.mandates) if (!(await d.mandates.get(m.id))) await d.mandates.put(m);
      const s = f.seance;
      const held = isClosed(s.status);
      await put('seances', s);
      const { version: _v, ...opening } = s;
      await send('seance.create', 'seances', s.id, { ...opening, status: held ? 'in_progress' : s.status, closedWithoutQuorum: false });
      for (const p of f.proxies) {
        await put('proxies', p);
        await send('proxy.create', 'proxies', p.id, p);
      }
      for (const a of f.attendance) {
        await put('attendance', a);
        await send('attendance.set', 'attendance', a.id, a);
      }
      for (const x of f.deliberations) {
        await put('deliberations', x);
        const { registryNumber: _n, ...item } = x;
        await send('deliberation.create', 'deliberations', x.id, item);
      }
      for (const v of f.votes) {
        await put('votes', v);
        await send('vote.record', 'votes', v.deliberationId, v);
      }
      for (const x of f.deliberations) if (x.registryNumber) await send('deliberation.number', 'deliberations', x.id, { registryNumber: x.registryNumber }, 1);
      if (held) {
        await send(s.closedWithoutQuorum ? 'seance.closeWithoutQuorum' : 'seance.close', 'seances', s.id, { status: 'closed', ...(s.closedWithoutQuorum ? { closedWithoutQuorum: true } : {}) }, 1);
      }
      // A convention before its signatures: the server checks each signature against it.
      for (const c of f.conventions) {
        await put('conventions', c);
        await send('convention.create', 'conventions', c.id, c);
      }
      for (const sig of f.signatures) {
        await put('signatures', sig);
        await send('signature.create', 'signatures', sig.id, sig);
      }
      if (isSealed(s.status)) await send('seance.status', 'seances', s.id, { status: 'signed' }, 1);
      if (s.status === 'published') await send('seance.publish', 'seances', s.id, { status: 'published' }, 1);
    },
  );
  return f;
}
