import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newId } from './ids';
import { makeSeal, type Seal } from './seal';
import { parseSeanceFileText, type SeanceFile } from './seanceFile';
import { minutesContent } from './signedContent';
import { verifyRegister } from './verifyRegister';

const fixture = parseSeanceFileText(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8'));
if (!fixture.ok) throw new Error(fixture.message);

/** Three séances of the same body, sealed in order, as the server would. */
async function sealedRegister(): Promise<SeanceFile[]> {
  const files: SeanceFile[] = [];
  let previous: Seal | undefined;
  for (const [i, date] of ['2011-11-07', '2011-12-12', '2012-01-16'].entries()) {
    const f = structuredClone(fixture.ok ? fixture.file : (undefined as never));
    if (i > 0) {
      f.seance = { ...f.seance, id: newId(), date };
      f.deliberations = f.deliberations.map((d) => ({ ...d, seanceId: f.seance.id }));
    }
    previous = await makeSeal(f.seance.id, minutesContent(f), previous, `${date}T20:00:00Z`);
    f.seal = { ...previous, organisationId: f.organisation.id, version: 1 };
    files.push(f);
  }
  return files;
}

describe('verifying the register from séance files', () => {
  it('an intact register verifies', async () => {
    expect(await verifyRegister(await sealedRegister())).toMatchObject({ ok: true, sealed: 3 });
  });

  it('altering one character of a sealed séance breaks the chain at that séance and says which', async () => {
    const files = await sealedRegister();
    const d = files[1]!.deliberations[0]!;
    files[1]!.deliberations[0] = { ...d, object: d.object.replace('ENT', 'ENS') };
    const r = await verifyRegister(files);
    expect(r).toMatchObject({ ok: false, index: 2, seanceId: files[1]!.seance.id });
    expect(!r.ok && r.message).toContain('séance n° 2 (séance du 2011-12-12)');
  });

  it('a missing séance is detected', async () => {
    const files = await sealedRegister();
    const r = await verifyRegister([files[0]!, files[2]!]);
    expect(r).toMatchObject({ ok: false, index: 2 });
  });
});
