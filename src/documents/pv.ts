import { dateInFigures, seanceOpeningInWords } from '../domain/dates';
import type { MemberId } from '../domain/ids';
import type { Member } from '../domain/schemas';
import type { SeanceFile } from '../domain/seanceFile';
import { voteCounts } from '../domain/tally';
import { appointmentBlocks } from './appointmentText';
import { countsForItem } from '../domain/voteEntry';
import { actesLabel } from '../domain/actes';
import { L, presidentCapacity } from './labels.fr';
import { ofPhrase } from './liste';
import { text, type Block, type DocumentModel, type SignatureBlock } from './model';
import { bodyWithArticle, formalName, frenchList, fullName, inRegisterOrder, seanceView, type ItemView, type SeanceView } from './seanceView';

/*
 * The procès-verbal of a séance (CGCT L2121-15, since 1 July 2022): date and time, president,
 * members present or represented, secretary, quorum, agenda, each item with its report and
 * result, the names of the voters in a public ballot, and the substance of the debates; signed
 * by the president and the secretary.
 *
 * The records hold no text for the debates nor for the requests of a particular ballot: the PV
 * prints the mention "Teneur des débats :" with a blank to complete, so that a PV made from them
 * is visibly a draft until someone writes it.
 */

const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');

function names(view: SeanceView, ids: readonly MemberId[]): string {
  return frenchList(inRegisterOrder(ids, view).map(fullName));
}

function openingBlocks(view: SeanceView): Block[] {
  const { seance, body } = view.file;
  const { phrase, feminine } = bodyWithArticle(body.name, body.verb);
  const e = feminine ? 'e' : '';
  const president = view.president ? ` sous la présidence de ${formalName(view.president)}` : '';
  const opening = `${seanceOpeningInWords(seance.date, seance.time)}, ${phrase}, légalement convoqué${e} le ${
    dateInFigures(seance.convocationDate)}, s'est réuni${e} à l'adresse suivante : ${seance.place},${president}.`;

  // Presence at the opening of the séance: before any arrival or departure (order number 0).
  const facts = { seance, inOffice: view.inOffice, attendance: view.file.attendance, proxies: view.file.proxies };
  const c = countsForItem(facts, { orderNumber: 0, withdrawn: [] });
  const excused = new Set(c.excused);
  const absent = c.absent.filter((id) => !excused.has(id));
  const represented = c.represented.map((r) => {
    const giver = view.member(r.giver);
    const holder = view.member(r.holder);
    return `${giver ? fullName(giver) : r.giver} (${L.representedBy} ${holder ? fullName(holder) : r.holder})`;
  });
  const blocks: Block[] = [
    text('main', opening),
    text('main', `${L.pvInOffice} ${c.inOffice}`, { gapBefore: 1 }),
    text('main', `${L.pvPresent} ${names(view, c.present) || L.none} (${c.present.length})`),
  ];
  if (represented.length > 0) blocks.push(text('main', `${L.pvRepresented} ${frenchList(represented)} (${represented.length})`));
  if (c.excused.length > 0) blocks.push(text('main', `${L.pvExcused} ${names(view, c.excused)}`));
  if (absent.length > 0) blocks.push(text('main', `${L.pvAbsent} ${names(view, absent)}`));
  if (view.secretaries.length > 0) {
    const label = view.secretaries.length > 1 ? L.secretaries : L.secretary;
    blocks.push(text('main', `${label} ${frenchList(view.secretaries.map(fullName))}`, { gapBefore: 1 }));
  }
  const q = c.quorum;
  const quorum = q.waived ? L.quorumWaived
    : q.reached ? L.quorumReached(q.present, c.inOffice, q.required) : L.quorumMissing(q.present, c.inOffice, q.required);
  blocks.push(text('main', quorum, { gapBefore: 1 }));
  return blocks;
}

function voteBlocks(view: SeanceView, item: ItemView): Block[] {
  const vote = item.vote;
  if (!vote || vote.mode === 'none') return [text('main', item.resultLabel ?? L.notVoted, { bold: true, gapBefore: 0.5 })];
  if (vote.mode === 'appointment') {
    return item.result?.appointment ? appointmentBlocks(vote, item.result.appointment, view.member) : [];
  }
  const counts = voteCounts(vote);
  const blocks: Block[] = [
    text('main', `${L.voteMode[vote.mode]} – ${L.voteCounts(counts.yes, counts.no, counts.abstain, counts.notVoting)}`, { gapBefore: 0.5 }),
  ];
  if (vote.mode === 'secretBallot') blocks.push(text('main', L.secretExtra(counts.blank, counts.invalid)));
  if (vote.mode === 'rollCall') {
    // A public ballot records each name and vote (L2121-21); a vote by pouvoir names the giver.
    const named = (choice: string) => vote.ballots.filter((b) => b.choice === choice).map((b) => {
      const voter = view.member(b.memberId);
      const giver = b.onBehalfOf ? view.member(b.onBehalfOf) : undefined;
      const name = voter ? fullName(voter) : b.memberId;
      return giver ? `${name} (${L.proxyOf(fullName(giver))})` : name;
    });
    const lines: [string, string][] = [['yes', L.votedFor], ['no', L.votedAgainst], ['abstain', L.abstained], ['notVoting', L.tookNoPart]];
    for (const [choice, label] of lines) {
      const list = named(choice);
      if (list.length > 0) blocks.push(text('main', `${label} ${frenchList(list)}`, { indent: 10 }));
    }
  }
  blocks.push(text('main', item.resultLabel ?? L.notVoted, { bold: true }));
  return blocks;
}

function itemBlocks(view: SeanceView, item: ItemView): Block[] {
  const d = item.deliberation;
  const heading = `${L.item(d.orderNumber)}${d.registryNumber ? ` – ${d.registryNumber}` : ''} – ${d.object}`;
  const blocks: Block[] = [text('main', heading, { bold: true, gapBefore: 2, keepWithNext: true })];
  if (d.actesSubject) blocks.push(text('main', `${L.matiere} ${actesLabel(d.actesSubject)}`, { style: 'small' }));
  const rapporteur = d.rapporteurId ? view.member(d.rapporteurId) : undefined;
  if (rapporteur) blocks.push(text('main', `${L.rapporteur} ${formalName(rapporteur)}`));
  for (const p of paragraphs(d.preamble)) blocks.push(text('main', p, { gapBefore: 0.5 }));
  const c = item.counts;
  blocks.push(text('main', L.itemCounts(c.present.length, c.represented.length, c.voters), { gapBefore: 0.5, style: 'small' }));
  if (c.withdrawn.length > 0) {
    blocks.push(text('main', `${c.withdrawn.length > 1 ? L.withdrawnMany : L.withdrawnOne} ${names(view, c.withdrawn)}`, { style: 'small' }));
  }
  // L2121-15: the PV gives the substance of the debates; left blank to complete when none was recorded.
  const debates = paragraphs(d.debates ?? '');
  if (debates.length === 0) blocks.push(text('main', `${L.debates} ${L.blank}`, { gapBefore: 0.5 }));
  else {
    blocks.push(text('main', L.debates, { gapBefore: 0.5, keepWithNext: true }));
    for (const p of debates) blocks.push(text('main', p, { indent: 10 }));
  }
  if (d.kind === 'deliberation') blocks.push(...voteBlocks(view, item));
  else blocks.push(text('main', item.resultLabel ?? L.noted, { bold: true, gapBefore: 0.5 }));
  return blocks;
}

function signatureBlocks(view: SeanceView): Block[] {
  const { organisation: org, seance, signatures } = view.file;
  // A signature of these minutes by that member (by id when recorded, else by the printed name).
  const signed = (m: Member) => signatures.find((s) => s.subject.kind === 'minutes' && s.subject.id === seance.id &&
    (s.memberId ? s.memberId === m.id : s.signerName === fullName(m)));
  const block = (capacity: string, m: Member | undefined, column: 0 | 1): SignatureBlock => {
    const signature = m ? signed(m) : undefined;
    return {
      kind: 'signature', region: 'main', lines: [capacity, m ? fullName(m) : ''].filter((l) => l !== ''), strokes: signature?.strokes ?? [],
      columns: 2, column, gapBefore: 2,
      ...(signature ? { note: L.signedOn(signature.signedAt.slice(0, 10), `${signature.contentHash.slice(0, 16)}…`) } : {}),
    };
  };
  const p = view.president;
  const capacity = `${p ? presidentCapacity(org.kind, p.civility, view.presidentMandate?.role ?? 'president') : 'Le Président'},`;
  const secretaries = view.secretaries.length > 0 ? view.secretaries : [undefined];
  return secretaries.flatMap((s, i) => [
    ...(i === 0 ? [block(capacity, p, 0)] : []),
    block(L.theSecretary(s?.civility === 'Mme'), s, i === 0 ? 1 : 0),
  ]);
}

export function pvModel(file: SeanceFile): DocumentModel {
  const view = seanceView(file);
  const ofBody = ofPhrase(bodyWithArticle(file.body.name, file.body.verb).phrase);
  const date = dateInFigures(file.seance.date);
  const org = file.organisation;
  const address = [...org.addressLines, `${org.postalCode} ${org.city}`.trim()].filter((l) => l.trim() !== '').join(' – ');
  return {
    title: `Procès-verbal de la séance ${ofBody} du ${date}`,
    runningHead: `${org.name} – Procès-verbal de la séance ${ofBody} du ${date}`,
    blocks: [
      // The letterhead: beside the logo when the organisation has one (pdf.ts).
      text('header', org.name, { bold: true, letterhead: true }),
      ...(address ? [text('header', address, { style: 'small', letterhead: true })] : []),
      text('header', L.pvTitle(ofBody, date), { style: 'title', align: 'center', bold: true, gapBefore: 1 }),
      text('header', L.pvLegal, { align: 'center', style: 'small' }),
      ...openingBlocks(view),
      text('main', L.agenda, { bold: true, gapBefore: 1.5, keepWithNext: true }),
      ...view.items.map((i) => text('main', `${i.deliberation.orderNumber}. ${i.deliberation.object}`, { indent: 10 })),
      ...view.items.flatMap((i) => itemBlocks(view, i)),
      text('main', L.closing, { gapBefore: 2 }),
      ...signatureBlocks(view),
    ],
  };
}
