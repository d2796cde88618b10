import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeanceFileSchema, type SeanceFile } from '../domain/seanceFile';
import { decisionList, listeModel, ofPhrase } from './liste';
import { documentText } from './model';

const base = SeanceFileSchema.parse(JSON.parse(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8')));
type Delib = SeanceFile['deliberations'][number];
const d0 = base.deliberations[0] as Delib;
const v0 = base.votes[0] as SeanceFile['votes'][number];
const id = (n: number) => `01a2223c-0000-7000-8000-${String(n).padStart(12, '0')}` as Delib['id'];

describe('liste des délibérations (L2121-25)', () => {
  it('gives the séance date and, per deliberation, its object and whether it was adopted or rejected', () => {
    const rejected: Delib = { ...d0, id: id(1), orderNumber: 5, registryNumber: '20111107_DL_05', object: 'Achat de tablettes' };
    const pending: Delib = { ...d0, id: id(2), orderNumber: 6, registryNumber: undefined, object: 'Point non voté' };
    const info: Delib = { ...d0, id: id(3), orderNumber: 2, kind: 'information', object: 'Rapport d’activité' };
    const file: SeanceFile = {
      ...base,
      deliberations: [rejected, pending, info, d0],
      votes: [v0, { ...v0, deliberationId: rejected.id, yes: 1, no: 5 }],
    };
    const list = decisionList(file);
    expect(list.seanceDate).toBe('2011-11-07');
    expect(list.rows.map((r) => [r.registryNumber ?? r.orderNumber, r.outcome, r.label])).toEqual([
      ['20111107_DL_04', 'adopted', 'Adoptée à l\'unanimité'],
      ['20111107_DL_05', 'rejected', 'Rejetée'],
      [6, 'pending', 'Vote non enregistré'],
    ]);
    const text = documentText(listeModel(file));
    expect(text).toContain('LISTE DES DÉLIBÉRATIONS');
    expect(text).toContain('Séance du Bureau du 7 novembre 2011');
    expect(text).toContain('20111107_DL_05 | Achat de tablettes | Rejetée');
    expect(text).toContain('Liste affichée le 10 novembre 2011');
    expect(text).not.toContain('Rapport d’activité');
  });

  it('names the body with its article', () => {
    expect(ofPhrase('le Bureau')).toBe('du Bureau');
    expect(ofPhrase('la Commission permanente')).toBe('de la Commission permanente');
    expect(ofPhrase('l\'Assemblée')).toBe('de l\'Assemblée');
  });
});
