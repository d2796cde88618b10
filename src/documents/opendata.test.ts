import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTES_SUBJECTS, normalizeForSearch } from '../domain/actes';
import type { MemberId } from '../domain/ids';
import { SeanceFileSchema, type SeanceFile } from '../domain/seanceFile';
import { csvField, popolo, SCDL_COLUMNS, scdlCsv, scdlRows } from './opendata';
import { SCDL_MATIERES, scdlMatiere } from './scdlMatieres';

const base = SeanceFileSchema.parse(JSON.parse(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8')));
type Delib = SeanceFile['deliberations'][number];
type Vote = SeanceFile['votes'][number];
const d0 = base.deliberations[0] as Delib;
const v0 = base.votes[0] as Vote;
const id = (n: number) => `01a2223c-0000-7000-8000-${String(n).padStart(12, '0')}` as Delib['id'];
const member = (i: number) => (base.members[i] as SeanceFile['members'][number]).id;

/** A minimal RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

describe('SCDL Délibérations CSV', () => {
  it('has exactly the 17 columns of the schema, in order', () => {
    const header = scdlCsv(base).split('\r\n')[0];
    expect(header).toBe(
      'COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,' +
        'PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL',
    );
    expect(SCDL_COLUMNS).toHaveLength(17);
  });

  it('writes the reference deliberation', () => {
    const csv = scdlCsv(base);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      'Somme Numérique,,20111107_DL_04,2011-11-07,5.7,institutions et vie politique/intercommunalité,' +
        'Conventions tripartites pour la mise en œuvre des ENT,,,PREF080,2011-11-10,9,6,6,0,0,',
    );
  });

  it('quotes commas, double quotes and line breaks (RFC 4180) and reads back as written', () => {
    const object = 'Tarifs 2012, « cantine » et "garderie"\nsuite';
    const file = { ...base, deliberations: [{ ...d0, object }] };
    const csv = scdlCsv(file);
    expect(csv).toContain('"Tarifs 2012, « cantine » et ""garderie""\nsuite"');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(17);
    expect(rows[1]?.[6]).toBe(object);
    expect(csvField('simple')).toBe('simple');
    // What a spreadsheet would run is written as text.
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=HYPERLINK("http://evil.example","Budget")')).toBe('"\'=HYPERLINK(""http://evil.example"",""Budget"")"');
    for (const lead of ['+', '-', '@', '\t']) expect(csvField(`${lead}cmd`)).toMatch(/^"?'/);
    expect(csvField('Tarifs = 2 €')).toBe('Tarifs = 2 €');
  });

  it('lists adopted deliberations only, with their votes and publication data', () => {
    const rejected: Delib = { ...d0, id: id(10), orderNumber: 5, registryNumber: '20111107_DL_05', object: 'Rejetée' };
    const info: Delib = { ...d0, id: id(11), orderNumber: 6, kind: 'information', registryNumber: undefined, object: 'Information' };
    const split: Delib = { ...d0, id: id(12), orderNumber: 7, registryNumber: '20111107_DL_07', object: 'Partagée', actesSubject: '7.1.2' };
    const file: SeanceFile = {
      ...base,
      deliberations: [d0, rejected, info, split],
      votes: [
        v0,
        { ...v0, deliberationId: rejected.id, yes: 2, no: 4 },
        { ...v0, deliberationId: split.id, yes: 3, no: 1, abstain: 1, notVoting: 1 },
      ],
      publication: { ...base.publication, acts: { [split.id]: { budgetYear: '2012', budgetName: 'Budget principal', url: 'https://example.org/7.pdf' } } },
    };
    const rows = scdlRows(file);
    expect(rows.map((r) => r.DELIB_ID)).toEqual(['20111107_DL_04', '20111107_DL_07']);
    expect(rows[1]).toMatchObject({
      DELIB_MATIERE_CODE: '7.1', DELIB_MATIERE_NOM: 'finances locales/décisions budgétaires',
      BUDGET_ANNEE: '2012', BUDGET_NOM: 'Budget principal', DELIB_URL: 'https://example.org/7.pdf',
      VOTE_EFFECTIF: '9', VOTE_REEL: '5', VOTE_POUR: '3', VOTE_CONTRE: '1', VOTE_ABSTENTION: '1',
    });
  });
});

describe('SCDL matière names', () => {
  it('cover every ACTES code and differ from the @CTES label only in accents, case and punctuation', () => {
    for (const subject of ACTES_SUBJECTS) {
      const name = SCDL_MATIERES[subject.code];
      expect(name, subject.code).toBeDefined();
      expect(name).toBe(name?.toLowerCase());
      expect(name).not.toMatch(/[,()]/);
      // The one correction: @CTES writes "pourvoirs de police".
      const ctes = subject.code === '6' ? subject.label.replace('pourvoirs', 'pouvoirs') : subject.label;
      expect(normalizeForSearch(name ?? ''), subject.code).toBe(normalizeForSearch(ctes));
    }
    expect(Object.keys(SCDL_MATIERES)).toHaveLength(ACTES_SUBJECTS.length);
  });
  it('joins level 1 and level 2 with a slash, as the schema example', () => {
    expect(scdlMatiere('8.4')).toEqual({ code: '8.4', name: 'domaines de compétences par thèmes/aménagement du territoire' });
    expect(scdlMatiere('5')).toEqual({ code: '5', name: '' });
    expect(scdlMatiere('')).toEqual({ code: '', name: '' });
  });
});

describe('Popolo JSON', () => {
  it('gives a show-of-hands vote with counts and no names', () => {
    const p = popolo(base) as { vote_events: { counts: { option: string; value: number }[]; votes: unknown[]; result: string }[] };
    const event = p.vote_events[0];
    expect(event?.result).toBe('pass');
    expect(event?.counts).toEqual(expect.arrayContaining([{ option: 'yes', value: 6 }, { option: 'no', value: 0 }, { option: 'absent', value: 3 }]));
    expect(event?.votes).toEqual([]);
  });

  it('gives each vote of a roll-call, a proxy vote as the giver’s', () => {
    const giver = member(6);
    const holder = member(1);
    const attendance = base.attendance.map((a) => (a.memberId === giver ? { ...a, status: 'represented' as const } : a));
    const proxy = {
      id: id(20) as unknown as SeanceFile['proxies'][number]['id'], organisationId: base.organisation.id, bodyId: base.body.id,
      giverId: giver, holderId: holder, seanceIds: [base.seance.id], writtenOn: '2011-11-01', illness: false, version: 0, updatedAt: '',
    };
    const presentIds = base.attendance.filter((a) => a.status === 'present').map((a) => a.memberId);
    const ballots = [
      ...presentIds.map((m, i) => ({ memberId: m, choice: (i === 2 ? 'no' : 'yes') as Vote['ballots'][number]['choice'] })),
      { memberId: holder, choice: 'abstain' as const, onBehalfOf: giver as MemberId },
    ];
    const file: SeanceFile = { ...base, attendance, proxies: [proxy], votes: [{ ...v0, mode: 'rollCall', ballots }] };
    const p = popolo(file) as { vote_events: { counts: { option: string; value: number }[]; votes: Record<string, string>[]; proxies: unknown[] }[] };
    const event = p.vote_events[0];
    expect(event?.votes).toHaveLength(7);
    expect(event?.votes).toContainEqual({ voter_id: giver, option: 'abstain', proxy_holder_id: holder });
    expect(event?.counts).toEqual(expect.arrayContaining([{ option: 'yes', value: 5 }, { option: 'no', value: 1 }, { option: 'abstain', value: 1 }]));
    expect(event?.proxies).toEqual([{ giver_id: giver, holder_id: holder }]);
  });

  it('never names voters of a secret ballot', () => {
    const file: SeanceFile = { ...base, votes: [{ ...v0, mode: 'secretBallot', yes: 5, blank: 1 }] };
    const p = popolo(file) as { vote_events: { votes: unknown[]; counts: { option: string; value: number }[] }[] };
    expect(p.vote_events[0]?.votes).toEqual([]);
    expect(p.vote_events[0]?.counts).toContainEqual({ option: 'blank', value: 1 });
  });
});
