import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeliberationId, MemberId } from '../domain/ids';
import { VoteSchema } from '../domain/schemas';
import { parseSeanceFile, type SeanceFile } from '../domain/seanceFile';
import { extractModel } from './extract';
import { fileFontSource, loadFonts } from './fonts';
import { decisionList } from './liste';
import { documentText } from './model';
import { popolo, scdlRows } from './opendata';
import { renderPdfDetailed } from './pdf';
import { pvModel } from './pv';

/*
 * An appointment item printed: each round with its votants, blank and invalid ballots, votes cast
 * and votes obtained, then who is proclaimed elected, read back from the PDF with pdftotext.
 */

const require = createRequire(import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8')) as unknown;
const MARCHAND = '01a2223c-bbd6-72f4-a33e-7a8b30046285' as MemberId; // Mme Sophie MARCHAND, excused
const BRUNEL = '01a2223c-bbd6-72f4-a33e-7a843f1ea4d4' as MemberId;
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function withAppointment(rounds: [number, number, number][], outcome: { elected?: MemberId; round: number; byAge: boolean }): SeanceFile {
  const parsed = parseSeanceFile(fixture);
  if (!parsed.ok) throw new Error(parsed.message);
  const file = parsed.file;
  const delib = file.deliberations[0]!;
  const vote = VoteSchema.parse({
    deliberationId: delib.id,
    mode: 'appointment',
    appointment: {
      office: 'délégué titulaire au SIVU des écoles',
      candidates: [MARCHAND, BRUNEL],
      rounds: rounds.map(([m, b, blank]) => ({ votes: [{ memberId: MARCHAND, votes: m }, { memberId: BRUNEL, votes: b }], blank, invalid: 0 })),
      outcome,
    },
  });
  return { ...file, deliberations: [{ ...delib, object: "Désignation d'un délégué" }], votes: [vote] };
}

let fonts: Awaited<ReturnType<typeof loadFonts>>;
beforeAll(async () => {
  fonts = await loadFonts(fileFontSource(async (name) => new Uint8Array(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${name}`)))));
});

describe('an appointment in the documents', () => {
  const elected = () => withAppointment([[3, 3, 0], [4, 1, 1]], { elected: MARCHAND, round: 2, byAge: false });

  it('prints the rounds and the elected member in the extract PDF', async () => {
    const file = elected();
    const pdf = await renderPdfDetailed(extractModel(file, file.deliberations[0]!.id as DeliberationId), fonts);
    const path = join(mkdtempSync(join(tmpdir(), 'appointment-')), 'extrait.pdf');
    writeFileSync(path, pdf.bytes);
    const text = flat(execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));
    const mentions = [
      'Désignation au scrutin secret : délégué titulaire au SIVU des écoles',
      '1er tour de scrutin',
      'Nombre de votants : 6 – Bulletins blancs : 0 – Bulletins nuls : 0 – Suffrages exprimés : 6',
      'Ont obtenu : Mme Sophie MARCHAND : 3 voix ; M. Stéphane BRUNEL : 3 voix.',
      "Aucun candidat n'ayant obtenu la majorité absolue, il est procédé à un 2e tour de scrutin.",
      '2e tour de scrutin',
      'Nombre de votants : 6 – Bulletins blancs : 1 – Bulletins nuls : 0 – Suffrages exprimés : 5',
      'Majorité absolue : 3',
      'Ont obtenu : Mme Sophie MARCHAND : 4 voix ; M. Stéphane BRUNEL : 1 voix.',
      'Mme Sophie MARCHAND, ayant obtenu la majorité absolue, est proclamée élue : délégué titulaire au SIVU des écoles.',
    ];
    let at = 0;
    for (const m of mentions) {
      const found = text.indexOf(flat(m).replace(/\u00A0/g, ' '), at);
      expect(found, `${m}\n--- in: ${text}`).toBeGreaterThanOrEqual(0);
      at = found;
    }
    expect(text).toContain('Élue au 2e tour : Mme Sophie MARCHAND (4 voix)');
  }, 60_000);

  it('states a third-round tie won by age, and an undecided one', () => {
    const byAge = withAppointment([[3, 3, 0], [3, 3, 0], [3, 3, 0]], { elected: BRUNEL, round: 3, byAge: true });
    const text = flat(documentText(extractModel(byAge, byAge.deliberations[0]!.id as DeliberationId))).replace(/\u00A0/g, ' ');
    expect(text).toContain("M. Stéphane BRUNEL, à égalité de voix, est proclamé élu au bénéfice de l'âge");
    expect(text).toContain("Élu au 3e tour au bénéfice de l’âge : M. Stéphane BRUNEL (3 voix)");
    // Round 3 is at the relative majority: no absolute majority printed for it.
    expect(text.slice(text.indexOf('3e tour de scrutin'))).not.toContain('Majorité absolue');
    const undecided = withAppointment([[3, 3, 0], [3, 3, 0], [3, 3, 0]], { round: 3, byAge: false });
    expect(flat(documentText(extractModel(undecided, undecided.deliberations[0]!.id as DeliberationId)))).toContain('aucun candidat n\'est proclamé élu');
  });

  it('prints the rounds in the procès-verbal and the outcome in the liste', () => {
    const file = elected();
    const pv = flat(documentText(pvModel(file))).replace(/\u00A0/g, ' ');
    expect(pv).toContain('2e tour de scrutin');
    expect(pv).toContain('Mme Sophie MARCHAND, ayant obtenu la majorité absolue, est proclamée élue');
    const row = decisionList(file).rows[0];
    expect(row).toMatchObject({ outcome: 'adopted' });
    expect(row?.label.replace(/\u00A0/g, ' ')).toBe('Élue au 2e tour : Mme Sophie MARCHAND (4 voix)');
  });

  it('states the outcome in the open data without crashing', () => {
    const file = elected();
    expect(scdlRows(file)[0]).toMatchObject({ VOTE_POUR: '4', VOTE_CONTRE: '1', VOTE_ABSTENTION: '1' });
    const events = (f: SeanceFile) => popolo(f).vote_events as Record<string, unknown>[];
    const event = events(file)[0];
    expect(event).toMatchObject({ vote_mode: 'appointment', result: 'pass', appointment: { elected_id: MARCHAND, round: 2 } });
    const open = withAppointment([[3, 3, 0]], { round: 1, byAge: false });
    expect(scdlRows(open)).toEqual([]);
    expect(events(open)[0]).toMatchObject({ result: 'fail', appointment: { elected_id: null } });
  });
});
