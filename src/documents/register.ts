import { actesSubject } from '../domain/actes';
import { dateInFigures } from '../domain/dates';
import type { SeanceFile } from '../domain/seanceFile';
import { actBlocks, attendanceBlocks } from './extract';
import { L, presidentCapacity, roleLabel } from './labels.fr';
import { ofPhrase } from './liste';
import { text, type Block, type DocumentModel, type SignatureBlock } from './model';
import { bodyWithArticle, fullName, inRegisterOrder, seanceView, type SeanceView } from './seanceView';

/*
 * Pages of the register (CGCT R2121-9): the deliberations of each séance in order, on numbered
 * pages that carry the organisation and the date of the séance (the running head, on every
 * page), then a closing sheet per séance listing its order numbers and the members present, with
 * room for their signatures — the paper register is still signed by hand. After the séances,
 * the tables of the year: by date and by matière.
 *
 * `registerModels` takes the séance files of a year (one is fine) and returns one model per
 * séance plus the tables; render them together so that pages are numbered through.
 */

function seanceModel(file: SeanceFile): DocumentModel {
  const view = seanceView(file);
  const ofBody = ofPhrase(bodyWithArticle(file.body.name, file.body.verb).phrase);
  const date = dateInFigures(file.seance.date);
  const blocks: Block[] = [];
  view.items.forEach((item, index) => {
    const d = item.deliberation;
    if (index > 0) blocks.push({ kind: 'pageBreak', region: 'main' });
    blocks.push(
      text('main', L.deliberationHeading(d.orderNumber, d.registryNumber || undefined), { bold: true, keepWithNext: true }),
      text('main', `${L.object} ${d.object}`, { bold: true, gapBefore: 0.5 }),
      ...attendanceBlocks(view, item).map((b, i) => (i === 0 && b.kind === 'text' ? { ...b, gapBefore: 1 } : b)),
      ...actBlocks(view, item),
      text('main', item.resultLabel ?? L.notVoted, { bold: true, gapBefore: 1 }),
    );
  });
  blocks.push({ kind: 'pageBreak', region: 'main' }, ...closingSheet(view));
  return {
    title: `Registre des délibérations – séance ${ofBody} du ${date}`,
    runningHead: L.registerHead(file.organisation.name, ofBody, date),
    runningHeadOnFirstPage: true,
    blocks,
  };
}

/** The feuillet de clôture: order numbers of the séance, members present, room for their signatures. */
function closingSheet(view: SeanceView): Block[] {
  const { seance, organisation: org } = view.file;
  const numbers = view.items.map((i) => `${i.deliberation.orderNumber}${i.deliberation.registryNumber ? ` – ${i.deliberation.registryNumber}` : ''}`);
  // Members present at some point of the séance: at the opening or arriving later.
  const everPresent = new Set(view.items.flatMap((i) => [...i.counts.present, ...i.counts.withdrawn]));
  for (const a of view.file.attendance) if (a.status === 'present') everPresent.add(a.memberId);
  const present = inRegisterOrder([...everPresent], view);
  const role = (id: string) => view.file.mandates.find((m) => m.memberId === id && m.start <= seance.date && (m.end === undefined || m.end >= seance.date))?.role;
  const president = view.president;
  const signature: SignatureBlock = {
    kind: 'signature', region: 'main', strokes: [], gapBefore: 2,
    lines: [`${president ? presidentCapacity(org.kind, president.civility, view.presidentMandate?.role ?? 'president') : 'Le Président'},`, president ? fullName(president) : ''].filter((l) => l !== ''),
  };
  return [
    text('main', L.closingSheet, { bold: true, align: 'center', style: 'title' }),
    text('main', `Séance ${ofPhrase(bodyWithArticle(view.file.body.name, view.file.body.verb).phrase)} du ${dateInFigures(seance.date)}`, { align: 'center' }),
    text('main', L.closingNumbers, { gapBefore: 1.5 }),
    ...numbers.map((n) => text('main', n, { indent: 10 })),
    text('main', `${L.closingMembers} (${present.length})`, { gapBefore: 1.5, bold: true }),
    {
      kind: 'table', region: 'main', gapBefore: 0.5,
      columns: [
        { label: L.closingColumns.name, width: 0.4 },
        { label: L.closingColumns.capacity, width: 0.25 },
        { label: L.closingColumns.signature, width: 0.35 },
      ],
      // Blank lines in the name cell make each row tall enough to sign in.
      rows: present.map((m) => {
        const r = role(m.id);
        return [`${fullName(m)}\n\n`, r ? roleLabel(r, m.civility) : '', ''];
      }),
    },
    signature,
  ];
}

function tablesModel(files: readonly SeanceFile[]): DocumentModel {
  const items = files.flatMap((file) => seanceView(file).items
    .filter((i) => i.deliberation.kind === 'deliberation')
    .map((i) => ({ file, d: i.deliberation })))
    .sort((a, b) => a.file.seance.date.localeCompare(b.file.seance.date) || a.d.orderNumber - b.d.orderNumber);
  const first = files[0];
  const years = [...new Set(files.map((f) => f.seance.date.slice(0, 4)))].join(', ');
  const number = (d: (typeof items)[number]['d']) => d.registryNumber || String(d.orderNumber);
  const byDate = items.map(({ file, d }) => [dateInFigures(file.seance.date), number(d), d.object]);
  const subjectName = (code: string) => {
    if (!code) return L.noSubject;
    const s = actesSubject(code) ?? actesSubject(code.split('.').slice(0, 2).join('.'));
    return s ? `${code} ${s.label}` : code;
  };
  const bySubject = [...items]
    .sort((a, b) => (a.d.actesSubject || '~').localeCompare(b.d.actesSubject || '~', 'fr', { numeric: true }) || a.file.seance.date.localeCompare(b.file.seance.date))
    .map(({ file, d }) => [subjectName(d.actesSubject), number(d), `${d.object} (${dateInFigures(file.seance.date)})`]);
  const head = first ? `${first.organisation.name} – Registre des délibérations – Tables ${years}` : 'Tables';
  return {
    title: head,
    runningHead: head,
    runningHeadOnFirstPage: true,
    blocks: [
      text('main', L.tableByDate, { bold: true, align: 'center', style: 'title' }),
      {
        kind: 'table', region: 'main', gapBefore: 1,
        columns: [{ label: L.tableColumns.date, width: 0.2 }, { label: L.tableColumns.number, width: 0.22 }, { label: L.tableColumns.object, width: 0.58 }],
        rows: byDate,
      },
      { kind: 'pageBreak', region: 'main' },
      text('main', L.tableBySubject, { bold: true, align: 'center', style: 'title' }),
      {
        kind: 'table', region: 'main', gapBefore: 1,
        columns: [{ label: L.tableColumns.subject, width: 0.3 }, { label: L.tableColumns.number, width: 0.22 }, { label: L.tableColumns.object, width: 0.48 }],
        rows: bySubject,
      },
    ],
  };
}

/** The register pages of the séances given (in date order), then the tables by date and by matière. */
export function registerModels(files: readonly SeanceFile[]): DocumentModel[] {
  const sorted = [...files].sort((a, b) => a.seance.date.localeCompare(b.seance.date) || a.seance.time.localeCompare(b.seance.time));
  return [...sorted.map(seanceModel), tablesModel(sorted)];
}
