import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeliberationId } from './ids';
import { actPublication, formatPath, parseSeanceFile, parseSeanceFileText, SeanceFileSchema } from './seanceFile';

const fixturePath = new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url);
const fixtureText = readFileSync(fixturePath, 'utf8');
/** A fresh, mutable copy of the reference séance file for each test. */
const fixture = () => JSON.parse(fixtureText) as Record<string, any>;

function message(json: unknown): string {
  const result = parseSeanceFile(json);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.message;
}

describe('parseSeanceFile', () => {
  it('accepts the reference séance file', () => {
    const result = parseSeanceFile(fixture());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.file.deliberations[0]?.registryNumber).toBe('20111107_DL_04');
    expect(result.file.members).toHaveLength(9);
    expect(result.file.signatures).toEqual([]);
  });

  it('fills defaults: signatures may be left out', () => {
    const f = fixture();
    delete f.signatures;
    const result = parseSeanceFile(f);
    expect(result.ok && result.file.signatures).toEqual([]);
  });

  it('says plainly when the file is not a séance file, or of another version', () => {
    expect(message(null)).toMatch(/n’est pas un fichier de séance/);
    expect(message([1, 2])).toMatch(/n’est pas un fichier de séance/);
    expect(message({ format: 'autre' })).toMatch(/format « registre-seance » attendu/);
    expect(message({ ...fixture(), version: 2 })).toBe('Version de fichier de séance non prise en charge : 2 (version 1 attendue).');
  });

  it('names the first missing field with its path', () => {
    const f = fixture();
    delete f.deliberations[0].object;
    expect(message(f)).toBe('deliberations[0].object : ce champ est obligatoire');
  });

  it('treats an empty required text as missing', () => {
    const f = fixture();
    f.deliberations[0].object = '   ';
    expect(message(f)).toBe('deliberations[0].object : ce champ est obligatoire');
  });

  it('reports only the first problem, in document order', () => {
    const f = fixture();
    f.members[2].lastName = '';
    f.deliberations[0].object = '';
    expect(message(f)).toBe('members[2].lastName : ce champ est obligatoire');
  });

  it('explains type, format, enum and size problems in French', () => {
    let f = fixture();
    f.votes[0].yes = 'six';
    expect(message(f)).toBe('votes[0].yes : valeur de type inattendu : un nombre attendu, reçu « six »');
    f = fixture();
    f.seance.date = '2011-02-30';
    expect(message(f)).toBe('seance.date : saisissez une date valide (jj/mm/aaaa)');
    f = fixture();
    f.attendance[0].status = 'parti';
    expect(message(f)).toMatch(/^attendance\[0\]\.status : valeur « parti » non reconnue \(attendu : « present »/);
    f = fixture();
    f.deliberations[0].object = 'x'.repeat(10_001);
    expect(message(f)).toBe('deliberations[0].object : texte trop long (10\u202f000 caractères au plus)');
    f = fixture();
    f.members[0].id = 'pas-un-uuid';
    expect(message(f)).toBe('members[0].id : identifiant invalide');
    f = fixture();
    f.publication.acts = { [f.deliberations[0].id]: { url: 'javascript:alert(1)' } };
    expect(message(f)).toBe(`publication.acts.${f.deliberations[0].id}.url : adresse web invalide (attendu http:// ou https://)`);
  });

  it('enforces size limits on lists', () => {
    const f = fixture();
    f.votes = Array.from({ length: 1000 }, () => f.votes[0]);
    expect(message(f)).toBe('votes : trop d’éléments (999 au plus)');
  });

  it('keeps the schema rule that the convocation precedes the séance', () => {
    const f = fixture();
    f.seance.convocationDate = '2011-11-08';
    expect(message(f)).toBe('seance.convocationDate : la convocation doit précéder la séance');
  });
});

describe('parseSeanceFile cross-references', () => {
  it('refuses attendance of an unknown member', () => {
    const f = fixture();
    f.attendance[3].memberId = '01a2223c-0000-7000-8000-000000000000';
    expect(message(f)).toBe('attendance[3].memberId : membre inconnu (01a2223c-0000-7000-8000-000000000000)');
  });

  it('refuses a deliberation of another séance', () => {
    const f = fixture();
    f.deliberations[0].seanceId = '01a2223c-0000-7000-8000-000000000001';
    expect(message(f)).toBe('deliberations[0].seanceId : délibération d’une autre séance');
  });

  it('refuses a vote for a deliberation not in the file, and two votes for one', () => {
    let f = fixture();
    f.votes[0].deliberationId = '01a2223c-0000-7000-8000-000000000002';
    expect(message(f)).toBe('votes[0].deliberationId : délibération inconnue (01a2223c-0000-7000-8000-000000000002)');
    f = fixture();
    f.votes.push(f.votes[0]);
    expect(message(f)).toBe('votes[1].deliberationId : deux votes pour la même délibération');
  });

  it('refuses an unknown president, secretary, ballot voter or proxy holder', () => {
    const stranger = '01a2223c-0000-7000-8000-000000000003';
    let f = fixture();
    f.seance.secretaryIds = [stranger];
    expect(message(f)).toBe(`seance.secretaryIds[0] : membre inconnu (${stranger})`);
    f = fixture();
    f.votes[0].ballots = [{ memberId: stranger, choice: 'yes' }];
    expect(message(f)).toBe(`votes[0].ballots[0].memberId : membre inconnu (${stranger})`);
    f = fixture();
    f.proxies = [{
      id: '01a2223c-0000-7000-8000-000000000004', organisationId: f.organisation.id, bodyId: f.body.id,
      giverId: f.members[6].id, holderId: stranger, seanceIds: [f.seance.id], writtenOn: '2011-11-01',
    }];
    expect(message(f)).toBe(`proxies[0].holderId : membre inconnu (${stranger})`);
  });

  it('refuses duplicate members, order numbers and records of another organisation or body', () => {
    let f = fixture();
    f.members.push(f.members[0]);
    expect(message(f)).toBe('members[9].id : membre présent deux fois');
    f = fixture();
    f.deliberations.push({ ...f.deliberations[0], id: '01a2223c-0000-7000-8000-000000000005', registryNumber: '20111107_DL_05' });
    expect(message(f)).toBe('deliberations[1].orderNumber : numéro d’ordre déjà porté par un autre point');
    f = fixture();
    f.seance.bodyId = '01a2223c-0000-7000-8000-000000000006';
    expect(message(f)).toBe('seance.bodyId : la séance est celle d’une autre instance');
    f = fixture();
    f.mandates[0].bodyId = '01a2223c-0000-7000-8000-000000000006';
    expect(message(f)).toBe('mandates[0].bodyId : mandat d’une autre instance');
  });

  it('refuses publication entries for unknown deliberations', () => {
    const f = fixture();
    f.publication.acts = { '01a2223c-0000-7000-8000-000000000007': { displayedOn: '2011-11-10' } };
    expect(message(f)).toBe('publication.acts.01a2223c-0000-7000-8000-000000000007 : délibération inconnue');
  });
});

describe('parseSeanceFileText', () => {
  it('parses the text of a file, byte-order mark included', () => {
    expect(parseSeanceFileText(`\uFEFF${fixtureText}`).ok).toBe(true);
  });
  it('refuses text that is not JSON, in French', () => {
    const result = parseSeanceFileText('{ "format": ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Ce fichier n’est pas du JSON valide/);
  });
  it('refuses an oversized file before parsing it', () => {
    const result = parseSeanceFileText(' '.repeat(20_000_001));
    expect(!result.ok && result.message).toMatch(/^Fichier trop volumineux/);
  });
});

describe('actPublication', () => {
  it('merges séance-wide dates with the deliberation’s own entry', () => {
    const f = SeanceFileSchema.parse(fixture());
    const id = f.deliberations[0]?.id as DeliberationId;
    expect(actPublication(f, id)).toEqual({ displayedOn: '2011-11-10', transmittedOn: '2011-11-10', prefectureId: 'PREF080' });
    const own = { ...f, publication: { ...f.publication, acts: { [id]: { transmittedOn: '2011-11-14', url: 'https://example.org/a.pdf' } } } };
    expect(actPublication(own, id)).toMatchObject({ displayedOn: '2011-11-10', transmittedOn: '2011-11-14', url: 'https://example.org/a.pdf' });
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['deliberations', 0, 'visas', 2])).toBe('deliberations[0].visas[2]');
    expect(formatPath([])).toBe('');
  });
});
