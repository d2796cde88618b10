import type { MemberId, SeanceId } from './ids';
import { activeProxiesFor } from './proxies';
import type { Attendance, Proxy } from './schemas';

/*
 * Presence is counted per deliberation, not once per séance: a member who arrives late, leaves
 * early or withdraws for a personal interest changes the counts of the items concerned only.
 * One presence list for the whole séance is a known mistake of existing tools (docs/architecture.md §3).
 */

export interface QuorumResult {
  reached: boolean;
  /** Members who must be physically present: strictly more than half of those in office. */
  required: number;
  present: number;
  /** A séance convened again after a lack of quorum deliberates without it (CGCT L2121-17). */
  waived: boolean;
}

export interface ItemCounts {
  inOffice: number;
  /** Physically present at the item and taking part. */
  present: MemberId[];
  /** Present but withdrawn (personal interest): neither quorum nor vote. */
  withdrawn: MemberId[];
  represented: { giver: MemberId; holder: MemberId }[];
  /** In office, not present, not represented (excused members included). */
  absent: MemberId[];
  /** The absent members who sent an excuse. */
  excused: MemberId[];
  /** Membres votants: present + represented. */
  voters: number;
  quorum: QuorumResult;
}

/** Whether the member sits in the room when the item with that order number is deliberated. */
export function presentAt(att: Attendance, orderNumber: number): boolean {
  let present = att.status === 'present';
  // Sorted by item; a stable sort keeps the recorded order for two movements at the same item.
  const movements = [...att.movements].sort((a, b) => a.fromOrder - b.fromOrder);
  for (const move of movements) {
    if (move.fromOrder > orderNumber) break;
    present = move.kind === 'arrival';
  }
  return present;
}

/**
 * Quorum: "la majorité de ses membres en exercice est physiquement présente" (CGCT L2121-17),
 * i.e. strictly more than half. Only physical presence counts: neither pouvoirs nor members
 * withdrawn for a personal interest. Without quorum, the body is convened again at least three
 * days later and then deliberates validly whatever the number present.
 */
export function quorumFor(inOffice: number, physicallyPresent: number, reconvened: boolean): QuorumResult {
  const required = Math.floor(inOffice / 2) + 1;
  if (reconvened) return { reached: true, required, present: physicallyPresent, waived: true };
  return { reached: physicallyPresent >= required, required, present: physicallyPresent, waived: false };
}

export interface ItemCountsInput {
  inOffice: readonly MemberId[];
  attendance: readonly Attendance[];
  proxies: readonly Proxy[];
  seanceId: SeanceId;
  orderNumber: number;
  /** Members withdrawn from this item (Deliberation.withdrawn). */
  withdrawn: readonly MemberId[];
  /** The séance was convened again after a lack of quorum (Seance.reconvenedFrom set). */
  reconvened?: boolean;
}

/** The counts of one agenda item: who is present, represented, absent, and whether quorum holds. */
export function itemCounts(input: ItemCountsInput): ItemCounts {
  // Only members in office count, each once; a member with no attendance row is absent.
  const inOffice = [...new Set(input.inOffice)];
  const inOfficeSet = new Set(inOffice);
  const rows = new Map<MemberId, Attendance>();
  for (const att of input.attendance) {
    if (att.seanceId === input.seanceId && inOfficeSet.has(att.memberId)) rows.set(att.memberId, att);
  }
  const withdrawnSet = new Set(input.withdrawn);
  const inRoom = new Set(inOffice.filter((id) => {
    const att = rows.get(id);
    return att !== undefined && presentAt(att, input.orderNumber);
  }));

  const present = inOffice.filter((id) => inRoom.has(id) && !withdrawnSet.has(id));
  const withdrawn = inOffice.filter((id) => inRoom.has(id) && withdrawnSet.has(id));
  const presentSet = new Set(present);

  // A pouvoir gives a vote only if its giver is away and its holder is in the room and voting;
  // a giver with a personal interest may not vote through a colleague either. One pouvoir per
  // giver and per holder (CGCT L2121-20): should the records hold more, the first one counts.
  const represented: ItemCounts['represented'] = [];
  const givers = new Set<MemberId>();
  const holders = new Set<MemberId>();
  for (const p of activeProxiesFor(input.proxies, input.seanceId)) {
    if (!inOfficeSet.has(p.giverId) || inRoom.has(p.giverId) || withdrawnSet.has(p.giverId)) continue;
    if (!presentSet.has(p.holderId) || givers.has(p.giverId) || holders.has(p.holderId)) continue;
    givers.add(p.giverId);
    holders.add(p.holderId);
    represented.push({ giver: p.giverId, holder: p.holderId });
  }

  const absent = inOffice.filter((id) => !inRoom.has(id) && !givers.has(id));
  const excused = absent.filter((id) => rows.get(id)?.status === 'excused');

  return {
    inOffice: inOffice.length,
    present,
    withdrawn,
    represented,
    absent,
    excused,
    voters: present.length + represented.length,
    quorum: quorumFor(inOffice.length, present.length, input.reconvened ?? false),
  };
}
