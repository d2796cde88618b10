import { dateInFigures, seanceOpeningInWords } from '../domain/dates';
import type { DeliberationId } from '../domain/ids';
import type { SeanceFile } from '../domain/seanceFile';
import { appointmentBlocks } from './appointmentText';
import { L, openingHoursHeading, presidentCapacity } from './labels.fr';
import { runs, text, type Block, type DocumentModel, type SignatureBlock } from './model';
import {
  bodyWithArticle, formalName, frenchList, fullName, inRegisterOrder, seanceView, type ItemView, type SeanceView,
} from './seanceView';

/*
 * The extract of the register (extrait du registre des délibérations): the certified copy of one
 * deliberation. No format is imposed, so it follows the reference extract mention by mention and
 * in the same order (reference/extrait-registre-20111107_DL_04.txt): the organisation's block,
 * the act's number, object, dates and counts, result and opening hours on the left; the opening
 * formula in words, who sat, the text of the act, then the certification, enforceability and
 * the president's signature.
 */

export interface ExtractOptions {
  /** The day the extract is made ("Fait à …, le …"); defaults to the display or publication date, else the séance. */
  issuedOn?: string;
}

const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');

/** Publication, as the organisation does it: affichage (posting) or mise en ligne. */
function publicationOf(view: SeanceView, item: ItemView): { label: string; date: string | undefined; of: (d: string) => string } {
  const { displayedOn, publishedOn } = item.publication;
  const display = { label: L.displayDate, date: displayedOn, of: L.ofDisplay };
  const online = { label: L.publicationDate, date: publishedOn, of: L.ofPublication };
  const preferred = view.file.organisation.publicationMode === 'affichage' ? [display, online] : [online, display];
  return preferred.find((p) => p.date !== undefined) ?? preferred[0] ?? display;
}

function asideBlocks(view: SeanceView, item: ItemView): Block[] {
  const { organisation: org, seance } = view.file;
  const d = item.deliberation;
  const blocks: Block[] = [];
  const line = (value: string, opts: Parameters<typeof text>[2] = {}) => {
    if (value.trim() !== '') blocks.push(text('aside', value, opts));
  };

  // The letterhead: under the logo when the organisation has one (pdf.ts).
  line(org.name, { bold: true, letterhead: true });
  for (const l of org.addressLines) line(l, { letterhead: true });
  line(`${org.postalCode} ${org.city}`.trim(), { letterhead: true });
  line(org.website, { letterhead: true });
  const contact: string[] = [];
  if (org.phone) contact.push(`${L.phone} ${org.phone}`);
  if (org.fax) contact.push(`${L.fax} ${org.fax}`);
  if (org.email) contact.push(org.email);
  contact.forEach((c, i) => line(c, i === 0 ? { gapBefore: 1, letterhead: true } : { letterhead: true }));

  line(d.registryNumber || `Point n° ${d.orderNumber}`, { bold: true, gapBefore: 1.5 });
  line(L.object, { bold: true, gapBefore: 1.5, keepWithNext: true });
  line(d.object);

  const publication = publicationOf(view, item);
  const dates: [string, string][] = [
    [L.convocationDate, dateInFigures(seance.convocationDate)],
    [L.seanceDate, dateInFigures(seance.date)],
    [publication.label, publication.date ? dateInFigures(publication.date) : L.blank],
  ];
  for (const [label, value] of dates) {
    line(label, { gapBefore: 1, keepWithNext: true });
    line(value);
  }

  const c = item.counts;
  line(`${L.inOffice} ${c.inOffice}`, { gapBefore: 1.5 });
  line(`${L.present} ${c.present.length}`);
  line(`${L.voters} ${c.voters}`);

  const excused = new Set(c.excused);
  const absents = inRegisterOrder(c.absent, view).map((m) =>
    excused.has(m.id) ? `${fullName(m)} (${m.civility === 'Mme' ? 'excusée' : 'excusé'})` : fullName(m));
  line(`${L.absents} ${absents.length > 0 ? absents.join(', ') : L.none}`, { gapBefore: 1 });
  if (c.represented.length > 0) {
    const names = c.represented.map((r) => {
      const giver = view.member(r.giver);
      const holder = view.member(r.holder);
      return `${giver ? fullName(giver) : r.giver} (${L.representedBy} ${holder ? fullName(holder) : r.holder})`;
    });
    line(`${L.represented} ${names.join(', ')}`);
  }

  line(item.resultLabel ?? L.notVoted, { bold: true, gapBefore: 1.5 });

  const hours = org.openingHours.split('\n').map((h) => h.trim()).filter((h) => h !== '');
  if (hours.length > 0) {
    line(openingHoursHeading(org.kind), { bold: true, gapBefore: 2, keepWithNext: true });
    hours.forEach((h, i) => line(h, i === 0 ? { gapBefore: 0.5 } : {}));
  }
  return blocks;
}

/** "L'an deux mille onze, le sept novembre à 17h30 le Bureau légalement convoqué, s'est réuni sous la présidence de M. …" */
export function openingSentence(view: SeanceView): string {
  const { seance, body } = view.file;
  const { phrase, feminine } = bodyWithArticle(body.name, body.verb);
  const e = feminine ? 'e' : '';
  // As the register writes it, with no comma after the hour (reference extract).
  const head = `${seanceOpeningInWords(seance.date, seance.time)} ${phrase} légalement convoqué${e}, s'est réuni${e}`;
  return view.president ? `${head} sous la présidence de ${formalName(view.president)}` : head;
}

/** The opening formula, who sat for this item, and the secretary: the start of the act's text. */
export function attendanceBlocks(view: SeanceView, item: ItemView): Block[] {
  const c = item.counts;
  const blocks: Block[] = [text('main', openingSentence(view))];
  const present = inRegisterOrder(c.present, view);
  if (present.length > 0) {
    const label = present.length > 1 ? L.presentMany : present[0]?.civility === 'Mme' ? L.presentOneF : L.presentOne;
    blocks.push(text('main', `${label} ${frenchList(present.map(fullName))}.`, { gapBefore: 1 }));
  }
  if (c.represented.length > 0) {
    const names = c.represented.map((r) => {
      const giver = view.member(r.giver);
      const holder = view.member(r.holder);
      return `${giver ? fullName(giver) : r.giver} (${L.representedBy} ${holder ? fullName(holder) : r.holder})`;
    });
    blocks.push(text('main', `${L.representedLine} ${frenchList(names)}.`));
  }
  if (c.withdrawn.length > 0) {
    const names = inRegisterOrder(c.withdrawn, view).map(fullName);
    blocks.push(text('main', `${names.length > 1 ? L.withdrawnMany : L.withdrawnOne} ${frenchList(names)}.`));
  }
  if (view.secretaries.length > 0) {
    const label = view.secretaries.length > 1 ? L.secretaries : L.secretary;
    blocks.push(text('main', `${label} ${frenchList(view.secretaries.map(fullName))}`, { gapBefore: 1 }));
  }
  return blocks;
}

/** The text of the act: exposé, the body's verb, visas, considérants, "DÉLIBÈRE", articles. */
export function actBlocks(view: SeanceView, item: ItemView): Block[] {
  const d = item.deliberation;
  const blocks: Block[] = [];
  const rapporteur = d.rapporteurId ? view.member(d.rapporteurId) : undefined;
  if (rapporteur) blocks.push(text('main', `${L.rapporteur} ${formalName(rapporteur)}`, { gapBefore: 1 }));
  for (const p of paragraphs(d.preamble)) blocks.push(text('main', p, { gapBefore: 1 }));
  if (d.kind === 'information') return blocks;

  blocks.push(text('main', view.file.body.verb, { bold: true, gapBefore: 1, keepWithNext: true }));
  d.visas.forEach((v, i) => blocks.push(text('main', `- ${v}`, { indent: 10, gapBefore: i === 0 ? 1 : 0 })));
  d.recitals.forEach((r, i) => blocks.push(text('main', `- ${r}`, { indent: 10, gapBefore: i === 0 ? 1 : 0 })));
  // An appointment's rounds are part of the act: who was elected, how and by how many votes.
  if (item.vote?.appointment && item.result?.appointment) blocks.push(...appointmentBlocks(item.vote, item.result.appointment, view.member));
  blocks.push(text('main', L.deliberates, { bold: true, gapBefore: 1, keepWithNext: true }));
  d.articles.forEach((a, i) =>
    blocks.push(runs('main', [{ text: `${L.article(i + 1)} `, bold: true }, { text: a }], { gapBefore: 1 })));
  return blocks;
}

function certificationBlocks(view: SeanceView, item: ItemView, opts: ExtractOptions): Block[] {
  const { organisation: org, seance } = view.file;
  const publication = publicationOf(view, item);
  const issuedOn = opts.issuedOn ?? publication.date ?? seance.date;
  const { transmittedOn } = item.publication;
  // Enforceable once published and, where required, transmitted (CGCT L2131-1): a date not yet
  // known is left blank for the clerk to fill in on paper.
  const enforceable = `${L.enforceable} ${publication.of(publication.date ? dateInFigures(publication.date) : L.blank)} et ${
    L.ofTransmission(transmittedOn ? dateInFigures(transmittedOn) : L.blank)}.`;

  const signature = view.file.signatures.find((s) => s.subject.kind === 'deliberation' && s.subject.id === item.deliberation.id);
  const president = view.president;
  const capacity = signature?.capacity ??
    (president ? presidentCapacity(org.kind, president.civility, view.presidentMandate?.role ?? 'president') : 'Le Président');
  const name = signature?.signerName ?? (president ? fullName(president) : '');
  const signedOn = signature && /^\d{4}-\d{2}-\d{2}/.test(signature.signedAt) ? dateInFigures(signature.signedAt.slice(0, 10)) : undefined;
  const block: SignatureBlock = {
    kind: 'signature',
    region: 'main',
    lines: [`${capacity},`, name].filter((l) => l !== ''),
    strokes: signature?.strokes ?? [],
    gapBefore: 1,
    ...(signature ? { note: L.signedOn(signedOn ?? signature.signedAt, `${signature.contentHash.slice(0, 16)}…`) } : {}),
  };
  return [
    text('main', L.certified, { gapBefore: 1.5, keepWithNext: true }),
    text('main', L.madeAt(org.city, dateInFigures(issuedOn)), { keepWithNext: true }),
    text('main', enforceable, { gapBefore: 1, keepWithNext: true }),
    block,
  ];
}

/** The extract of one deliberation of a séance file. Throws if the file has no such deliberation. */
export function extractModel(file: SeanceFile, deliberationId: DeliberationId, opts: ExtractOptions = {}): DocumentModel {
  const view = seanceView(file);
  const item = view.item(deliberationId);
  if (!item) throw new Error(`Délibération inconnue dans ce fichier de séance : ${deliberationId}`);
  const number = item.deliberation.registryNumber || `point ${item.deliberation.orderNumber}`;
  return {
    title: `Extrait du registre des délibérations – ${number}`,
    runningHead: `${file.organisation.name} – ${L.extractTitle.toLowerCase().replace(/^./, (c) => c.toUpperCase())} – ${number}`,
    blocks: [
      text('header', L.extractTitle, { style: 'title', align: 'center', bold: true }),
      ...asideBlocks(view, item),
      ...attendanceBlocks(view, item),
      ...actBlocks(view, item),
      ...certificationBlocks(view, item, opts),
    ],
  };
}

/** The file name of an extract: "extrait-20111107_DL_04.pdf"; unsafe characters become "_". */
export function extractFileName(file: SeanceFile, deliberationId: DeliberationId): string {
  const d = file.deliberations.find((x) => x.id === deliberationId);
  const number = d?.registryNumber || `${file.seance.date}_point_${d?.orderNumber ?? 0}`;
  return `extrait-${number.replace(/[^\p{L}\p{N}_.-]+/gu, '_')}.pdf`;
}
