import { describe, expect, it } from 'vitest';
import { actesSubject } from './actes';
import { applyTemplate, signConventionTemplate, templateText, type DraftText } from './templates';

const empty: DraftText = { object: '', actesSubject: '', preamble: '', visas: [], recitals: [], articles: [] };

describe('signConventionTemplate', () => {
  it('authorises the president to sign, and charges them with the execution', () => {
    const t = signConventionTemplate({
      organisationName: 'Somme Numérique',
      conventionSubject: 'relative à la mise en œuvre du projet ENT',
      parties: 'les communautés de communes du Vimeu Vert et du Val de Somme',
    });
    expect(t.object).toBe('Autorisation donnée au Président de signer une convention relative à la mise en œuvre du projet ENT');
    expect(t.visas).toContain('Vu les statuts de Somme Numérique');
    expect(t.visas.every((v) => v.startsWith('Vu '))).toBe(true);
    expect(t.recitals.every((r) => r.startsWith('Considérant'))).toBe(true);
    expect(t.articles).toEqual([
      'Le Président est autorisé à signer la convention relative à la mise en œuvre du projet ENT avec les communautés de communes du Vimeu Vert et du Val de Somme, ainsi que tout document s\'y rapportant.',
      'Le Président est chargé de l\'exécution de la présente délibération.',
    ]);
    expect(actesSubject(t.actesSubject)?.label).toBe('Autres types de contrats');
  });

  it('leaves visible placeholders for what is not known yet', () => {
    const t = templateText('signConvention', { organisationName: '' });
    expect(t.object).toContain('[objet de la convention]');
    expect(t.articles[0]).toContain('[parties à la convention]');
    expect(t.visas[1]).toBe("Vu les statuts de [l'organisation]");
  });
});

describe('applyTemplate', () => {
  const template = signConventionTemplate({ organisationName: 'X', signatory: 'Maire' });
  it('fills an empty draft entirely', () => {
    expect(applyTemplate(empty, template)).toEqual(template);
  });
  it('never overwrites typed text', () => {
    const typed = { ...empty, object: 'Mon objet', articles: ['Article déjà écrit'], visas: ['  '] };
    const result = applyTemplate(typed, template);
    expect(result.object).toBe('Mon objet');
    expect(result.articles).toEqual(['Article déjà écrit']);
    expect(result.visas).toEqual(template.visas);
    expect(result.preamble).toBe(template.preamble);
  });
});
