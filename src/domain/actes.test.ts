import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTES_SUBJECTS, actesLabel, actesSubject, normalizeForSearch, searchActes } from './actes';

const codes = (list: readonly { code: string }[]) => list.map((s) => s.code);

describe('ACTES_SUBJECTS', () => {
  it('holds the 66 matières of levels 1 and 2 (9 + 57)', () => {
    expect(ACTES_SUBJECTS).toHaveLength(66);
    expect(ACTES_SUBJECTS.filter((s) => !s.code.includes('.'))).toHaveLength(9);
    expect(new Set(codes(ACTES_SUBJECTS)).size).toBe(66);
  });

  it('matches the reference CSV row for row, labels untouched', () => {
    // A copy of the team's reference (docs/reference/actes-matieres.SOURCES.md says where it comes from).
    const csv = readFileSync(new URL('../../docs/reference/actes-matieres.csv', import.meta.url), 'utf8');
    const rows = csv.trim().split('\n').slice(1).map((line) => {
      const m = /^([\d.]+),(?:"(.*)"|(.*))$/.exec(line);
      return [m?.[1], m?.[2] ?? m?.[3]];
    });
    expect(ACTES_SUBJECTS.map((s) => [s.code, s.label])).toEqual(rows);
  });

  it('gives each code its level-1 parent, 7.10 after 7.9', () => {
    expect(actesSubject('5.7')).toEqual({ code: '5.7', label: 'Intercommunalite', parent: '5' });
    expect(actesSubject('5')?.parent).toBe('5');
    const i = codes(ACTES_SUBJECTS).indexOf('7.9');
    expect(ACTES_SUBJECTS[i + 1]?.code).toBe('7.10');
    expect(actesSubject('7.9')?.label).toBe('Prise de participation (SEM, etc...)');
  });

  it('labels a code, or shows an unknown local code as is', () => {
    expect(actesLabel('5.7')).toBe('5.7 Intercommunalite');
    expect(actesLabel('5.7.2')).toBe('5.7.2');
  });
});

describe('searchActes', () => {
  it('finds a code exactly, then the codes under it', () => {
    expect(codes(searchActes('5.7'))).toEqual(['5.7']);
    expect(codes(searchActes('7.1'))).toEqual(['7.1', '7.10']);
    expect(codes(searchActes('5.'))).toEqual(['5', '5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8']);
  });

  it('finds a label whatever the accents and case', () => {
    expect(codes(searchActes('intercommunalité'))).toEqual(['5.7']);
    expect(codes(searchActes('MARCHES'))).toEqual(['1.1']);
    expect(codes(searchActes('maitrise d’œuvre'))).toEqual(['1.6']);
  });

  it('needs every word, in any order', () => {
    expect(codes(searchActes('public domaine gestion'))).toEqual(['3.5']);
    expect(codes(searchActes('delegation'))).toEqual(['1.2', '5.4', '5.5']);
  });

  it('ranks own-label matches before matches through the level-1 label', () => {
    const found = codes(searchActes('finances', 20));
    expect(found[0]).toBe('7');
    expect(found).toContain('7.3');
    expect(found).toHaveLength(11);
  });

  it('returns the first codes for an empty query and nothing for an unknown word', () => {
    expect(codes(searchActes('', 3))).toEqual(['1', '1.1', '1.2']);
    expect(searchActes('zzz')).toEqual([]);
    expect(searchActes('9.9')).toEqual([]);
  });

  it('normalizes apostrophes and ligatures', () => {
    expect(normalizeForSearch("  Maîtrise d'Œuvre ")).toBe('maitrise d oeuvre');
  });
});
