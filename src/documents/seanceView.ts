import type { ItemCounts } from '../domain/attendance';
import type { DeliberationId, MemberId } from '../domain/ids';
import { membersInOffice } from '../domain/mandates';
import type { Deliberation, Mandate, Member, Vote } from '../domain/schemas';
import { actPublication, type ActPublication, type SeanceFile } from '../domain/seanceFile';
import { resultLabelKey, type Result } from '../domain/tally';
import { countsForItem, itemResult } from '../domain/voteEntry';
import { frText } from '../i18n/fr/all';
import { appointmentLabel } from './appointmentText';

/*
 * What every document of a séance reads from a séance file, computed once: who is in office,
 * who presides, and for each item its own counts (presence is per item, CGCT L2121-17 and
 * docs/architecture.md §3), its vote and result, and its publication dates.
 */

export interface ItemView {
  deliberation: Deliberation;
  vote: Vote | undefined;
  counts: ItemCounts;
  /** Undefined for a deliberation not voted yet. */
  result: Result | undefined;
  /** "Adoptée à l'unanimité", from the UI catalog so that screen and paper agree. */
  resultLabel: string | undefined;
  publication: ActPublication & { prefectureId?: string };
}

export interface SeanceView {
  file: SeanceFile;
  member: (id: MemberId) => Member | undefined;
  inOffice: MemberId[];
  president: Member | undefined;
  presidentMandate: Mandate | undefined;
  secretaries: Member[];
  /** Items in order-number order. */
  items: ItemView[];
  item: (id: DeliberationId) => ItemView | undefined;
}

export function seanceView(file: SeanceFile): SeanceView {
  const members = new Map<MemberId, Member>(file.members.map((m) => [m.id, m]));
  const member = (id: MemberId) => members.get(id);
  const inOffice = membersInOffice(file.mandates, file.body.id, file.seance.date);
  const facts = { seance: file.seance, inOffice, attendance: file.attendance, proxies: file.proxies };
  const votes = new Map(file.votes.map((v) => [v.deliberationId, v]));
  const items = [...file.deliberations]
    .sort((a, b) => a.orderNumber - b.orderNumber)
    .map((deliberation): ItemView => {
      const vote = votes.get(deliberation.id);
      const result = itemResult(deliberation.kind, vote, file.seance.presidentId);
      const label = !result ? undefined : result.appointment ? appointmentLabel(result.appointment, member) : frText(resultLabelKey(result));
      return {
        deliberation,
        vote,
        counts: countsForItem(facts, deliberation),
        result,
        resultLabel: label,
        publication: actPublication(file, deliberation.id),
      };
    });
  const byId = new Map(items.map((i) => [i.deliberation.id, i]));
  const presidentId = file.seance.presidentId;
  return {
    file,
    member,
    inOffice,
    president: presidentId ? member(presidentId) : undefined,
    presidentMandate: presidentId
      ? file.mandates.find((m) => m.memberId === presidentId && m.start <= file.seance.date && (m.end === undefined || m.end >= file.seance.date))
      : undefined,
    secretaries: file.seance.secretaryIds.map(member).filter((m): m is Member => m !== undefined),
    items,
    item: (id) => byId.get(id),
  };
}

/** "Jean-François VASSEUR". */
export const fullName = (m: Pick<Member, 'firstName' | 'lastName'>) => `${m.firstName} ${m.lastName}`;
/** "M. Jean-François VASSEUR", never broken after the civility (no-break space). */
export const formalName = (m: Pick<Member, 'civility' | 'firstName' | 'lastName'>) => `${m.civility}\u00A0${fullName(m)}`;

/** "A, B et C". */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/** Members in the order registers name them: the president first, then by surname and first name. */
export function inRegisterOrder(ids: readonly MemberId[], view: Pick<SeanceView, 'member' | 'president'>): Member[] {
  const list = ids.map(view.member).filter((m): m is Member => m !== undefined);
  const presidentId = view.president?.id;
  return list.sort((a, b) => {
    if (a.id === presidentId) return -1;
    if (b.id === presidentId) return 1;
    return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
  });
}

/** The body as the opening sentence names it: "le Bureau", "la Commission permanente", "l'Assemblée". */
export function bodyWithArticle(name: string, verb: string): { phrase: string; feminine: boolean } {
  // The printed verb ("LE BUREAU", "LA COMMISSION PERMANENTE") carries the gender the name lacks.
  const feminine = /^LA\s/i.test(verb.trim());
  const article = /^[aeiouyéèêàâîôû]/i.test(name) ? 'l\'' : feminine ? 'la ' : 'le ';
  return { phrase: `${article}${name}`, feminine };
}
