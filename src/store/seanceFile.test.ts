import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { RegistreDb, useDatabase } from './db';
import { ValidationError } from './errors';
import { createConvention, signConvention } from './conventionCommands';
import { exportSeanceFile, importSeanceFile } from './seanceFile';

const fixture = readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8');
let d: RegistreDb;
beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
});

describe('séance file import and export (moving a séance with no network)', () => {
  it('imports the reference séance and exports it back with the same facts', async () => {
    const f = await importSeanceFile(fixture);
    const back = await exportSeanceFile(f.seance.id);
    expect(back.deliberations.map((x) => x.registryNumber)).toEqual(f.deliberations.map((x) => x.registryNumber));
    expect(back.attendance).toHaveLength(f.attendance.length);
    expect(await d.outbox.count()).toBeGreaterThan(0);
  });

  it('refuses an invalid file with a French message naming the first problem, and writes nothing', async () => {
    const bad = JSON.parse(fixture) as { deliberations: { object: string }[] };
    bad.deliberations[0]!.object = '';
    const err = await importSeanceFile(JSON.stringify(bad)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).formError).toMatch(/^deliberations\[0\]\.object : /);
    for (const table of d.tables) expect(await table.count(), table.name).toBe(0);
  });

  it('carries the séance’s conventions and their signatures to another device', async () => {
    const f = await importSeanceFile(fixture);
    const del = f.deliberations.find((x) => x.kind === 'deliberation')!;
    const parties = [
      { organisationName: 'Syndicat', signatoryName: 'A', capacity: 'Président' },
      { organisationName: 'Commune', signatoryName: 'B', capacity: 'Maire' },
    ];
    const c = await createConvention(del.id, { title: 'Convention', parties, text: 'Texte' });
    await signConvention({ conventionId: c.id, partyIndex: 1, strokes: [[{ x: 0.1, y: 0.1 }, { x: 0.2, y: 0.3 }]], png: null });
    const out = await exportSeanceFile(f.seance.id);
    expect(out.conventions.map((x) => x.id)).toEqual([c.id]);

    // Another device: the convention arrives before its signature, both queued for the server.
    d = new RegistreDb(`test-${Math.random()}`);
    useDatabase(d);
    await d.open();
    await importSeanceFile(JSON.stringify(out));
    expect((await d.conventions.get(c.id))?.title).toBe('Convention');
    const queued = (await d.outbox.toArray()).map((m) => m.table);
    expect(queued.indexOf('conventions')).toBeLessThan(queued.indexOf('signatures'));

    // A signature of a convention the file does not carry is refused.
    const orphan = { ...out, conventions: [] };
    const err = await importSeanceFile(JSON.stringify(orphan)).catch((e: unknown) => e);
    expect((err as ValidationError).formError).toMatch(/^signatures\[\d+\]\.subject\.id : /);
  });
});
