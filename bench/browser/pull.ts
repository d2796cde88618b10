import { newId } from '../../src/domain/ids';
import type { PulledRecord } from '../../src/domain/sync';
import { RegistreDb } from '../../src/store/db';
import { applyPulled } from '../../src/sync/engine';
import type { Sample } from './stats';

/**
 * Pulling 10,000 records into Dexie the way the sync does (pages of 500, each committed with its
 * cursor, pending changes rebased) against a raw bulkPut of the same rows, in the same run.
 */
export async function pullBench(): Promise<Sample[]> {
  const orgId = newId();
  const records: PulledRecord[] = Array.from({ length: 10_000 }, (_, i) => {
    const id = newId();
    return {
      table: 'seances',
      id,
      version: 1,
      seq: i + 1,
      body: { id, organisationId: orgId, bodyId: orgId, date: '2011-11-07', time: '17:30', place: `Salle ${i}`, convocationDate: '2011-06-30', convocationMode: 'electronique', urgencyReason: '', secretaryIds: [], status: 'draft', closedWithoutQuorum: false, version: 1, updatedAt: '' },
    };
  });

  const ours = new RegistreDb(`bench-pull-${Date.now()}`);
  await ours.open();
  let t0 = performance.now();
  for (let i = 0; i < records.length; i += 500) await applyPulled(ours, records.slice(i, i + 500), records[Math.min(i + 499, records.length - 1)]!.seq);
  const oursMs = performance.now() - t0;
  ours.close();
  await ours.delete();

  const raw = new RegistreDb(`bench-raw-${Date.now()}`);
  await raw.open();
  t0 = performance.now();
  await raw.seances.bulkPut(records.map((r) => ({ ...r.body, version: r.version }) as never));
  const rawMs = performance.now() - t0;
  raw.close();
  await raw.delete();
  return [
    {
      name: 'pull 10,000 records into Dexie',
      value: oursMs,
      unit: 'ms',
      baselineName: 'raw Dexie bulkPut',
      baseline: rawMs,
      target: '<= 1.5x',
      ok: oursMs / rawMs <= 1.5,
    },
  ];
}
