import { expect, type Page } from '@playwright/test';
import { expectAccessible } from '../fixtures';
import { AgendaPage } from './agenda';
import { ConventionPage, type Party } from './conventions';
import { SeanceListPage } from './seances';

/*
 * The seed's case (docs/architecture.md §1): the Bureau authorises its president to sign a tripartite
 * convention between the syndicat, a communauté de communes and a commune; each party's
 * signatory signs with a finger; the PDF carries the three signatures and a signature page.
 */

export const PARTIES: Party[] = [
  { organisation: 'Syndicat mixte de démonstration', signatory: 'Claire DUMONT', capacity: 'Présidente' },
  { organisation: 'Communauté de communes du Val d’Authie', signatory: 'Paul DURAND', capacity: 'Président' },
  { organisation: 'Commune de Saint-Aubin', signatory: 'Anne PETIT', capacity: 'Maire' },
];

/** The secretary's part: a séance, the authorising deliberation, the convention drafted from it. */
export async function draftConvention(page: Page, title: string): Promise<string> {
  const seance = await new SeanceListPage(page).createSeance({ date: '2011-11-07', time: '17:30', place: 'Salle des conventions', convocationDate: '2011-06-30' });
  await seance.openAgenda();
  const agenda = new AgendaPage(page);
  await agenda.addItem({ object: `Autorisation de signer la ${title}` });
  await agenda.openItem(1);
  const convention = new ConventionPage(page);
  await convention.openNewForm();
  await expectAccessible(page, 'nouvelle convention');
  await convention.create({
    title,
    parties: PARTIES,
    text: 'Article 1 – Objet. La présente convention fixe les engagements des parties pour le déploiement de l’ENT.\n\nArticle 2 – Durée. Elle est conclue pour trois ans.',
  });
  await convention.expectSignatures(0, 3);
  return page.url();
}

/** The convention's PDF: its last page is the signature page, naming every signatory. */
export async function expectPdfWithThreeSignatures(page: Page, path: string): Promise<void> {
  const { last, all } = await new ConventionPage(page).pdf(path);
  expect(last).toContain('Page des signatures');
  for (const p of PARTIES) expect(last).toContain(p.signatory);
  expect(last).not.toContain('En attente de signature');
  expect(all).toContain('Article 2 – Durée');
}

