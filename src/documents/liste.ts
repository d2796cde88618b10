import { dateInFigures } from '../domain/dates';
import type { SeanceFile } from '../domain/seanceFile';
import { L } from './labels.fr';
import { text, type DocumentModel } from './model';
import { bodyWithArticle, seanceView } from './seanceView';

/*
 * The liste des délibérations (CGCT L2121-25, since 1 July 2022): within a week of the séance it
 * is posted at the seat and put online; it gives the date of the séance and, for each
 * deliberation examined, its object and whether it was adopted or rejected. Information items
 * ("prend acte") are not deliberations and are left out.
 */

export type ListOutcome = 'adopted' | 'rejected' | 'pending';

export interface DecisionListRow {
  orderNumber: number;
  registryNumber: string | undefined;
  object: string;
  outcome: ListOutcome;
  /** "Adoptée à l'unanimité", "Rejetée", or "Vote non enregistré". */
  label: string;
}

export interface DecisionList {
  organisationName: string;
  /** "du Bureau", "de la Commission permanente". */
  ofBody: string;
  seanceDate: string;
  rows: DecisionListRow[];
  postedOn: string | undefined;
  publishedOn: string | undefined;
}

/** "le Bureau" → "du Bureau", "la Commission" → "de la Commission", "l'Assemblée" → "de l'Assemblée". */
export function ofPhrase(phrase: string): string {
  return phrase.startsWith('le ') ? `du ${phrase.slice(3)}` : `de ${phrase}`;
}

export function decisionList(file: SeanceFile): DecisionList {
  const view = seanceView(file);
  const rows = view.items
    .filter((i) => i.deliberation.kind === 'deliberation')
    .map((i): DecisionListRow => {
      const outcome: ListOutcome = !i.result ? 'pending' : i.result.outcome === 'adopted' ? 'adopted' : 'rejected';
      return {
        orderNumber: i.deliberation.orderNumber,
        registryNumber: i.deliberation.registryNumber || undefined,
        object: i.deliberation.object,
        outcome,
        label: i.resultLabel ?? L.notVoted,
      };
    });
  return {
    organisationName: file.organisation.name,
    ofBody: ofPhrase(bodyWithArticle(file.body.name, file.body.verb).phrase),
    seanceDate: file.seance.date,
    rows,
    postedOn: file.publication?.displayedOn,
    publishedOn: file.publication?.publishedOn,
  };
}

export function listeModel(file: SeanceFile): DocumentModel {
  const list = decisionList(file);
  const seance = `Séance ${list.ofBody} du ${dateInFigures(list.seanceDate)}`;
  const org = file.organisation;
  const address = [...org.addressLines, `${org.postalCode} ${org.city}`.trim()].filter((l) => l.trim() !== '').join(' – ');
  return {
    title: `Liste des délibérations – ${seance}`,
    runningHead: `${org.name} – Liste des délibérations – ${seance}`,
    blocks: [
      // The letterhead: beside the logo when the organisation has one (pdf.ts).
      text('header', org.name, { bold: true, letterhead: true }),
      ...(address ? [text('header', address, { style: 'small', letterhead: true })] : []),
      text('header', L.listTitle, { style: 'title', align: 'center', bold: true, gapBefore: 1 }),
      text('header', seance, { align: 'center' }),
      text('header', L.listLegal, { align: 'center', style: 'small' }),
      list.rows.length === 0
        ? text('main', L.listEmpty, { gapBefore: 1 })
        : {
          kind: 'table',
          region: 'main',
          gapBefore: 1,
          columns: [
            { label: L.listColumns.number, width: 0.2 },
            { label: L.listColumns.object, width: 0.56 },
            { label: L.listColumns.result, width: 0.24 },
          ],
          rows: list.rows.map((r) => [r.registryNumber ?? String(r.orderNumber), r.object, r.label]),
        },
      ...(list.postedOn ? [text('main', L.listPosted(dateInFigures(list.postedOn)), { gapBefore: 2 })] : []),
      ...(list.publishedOn ? [text('main', L.listPublished(dateInFigures(list.publishedOn)), { gapBefore: list.postedOn ? 0 : 2 })] : []),
    ],
  };
}
