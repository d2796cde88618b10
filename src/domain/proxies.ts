import type { MemberId, SeanceId } from './ids';
import type { Proxy } from './schemas';

/** Message-catalog keys (src/i18n) explaining why a pouvoir cannot be recorded. */
export type ProxyRefusal =
  | 'proxy.selfHolder'
  | 'proxy.giverNotInOffice'
  | 'proxy.holderNotInOffice'
  | 'proxy.noSeance'
  | 'proxy.unknownSeance'
  | 'proxy.writtenAfterSeance'
  | 'proxy.tooManySeances'
  | 'proxy.giverHasProxy'
  | 'proxy.holderHasProxy';

export type ProxyCheck = { ok: true } | { ok: false; code: ProxyRefusal };

/**
 * The field of the pouvoir each refusal is about, so a form shows the reason beside the choice
 * to change (RGAA 11.10) rather than only at the top.
 */
export const PROXY_REFUSAL_FIELD: Record<ProxyRefusal, 'giverId' | 'holderId' | 'seanceIds' | 'writtenOn'> = {
  'proxy.selfHolder': 'holderId',
  'proxy.giverNotInOffice': 'giverId',
  'proxy.holderNotInOffice': 'holderId',
  'proxy.noSeance': 'seanceIds',
  'proxy.unknownSeance': 'seanceIds',
  'proxy.writtenAfterSeance': 'writtenOn',
  'proxy.tooManySeances': 'seanceIds',
  'proxy.giverHasProxy': 'giverId',
  'proxy.holderHasProxy': 'holderId',
};

export interface ProxyContext {
  /** Proxies already recorded for the body (the one being edited may be among them). */
  existing: readonly Proxy[];
  /** Members in office on the date of the séances concerned. */
  inOffice: readonly MemberId[];
  /** All séances of the body, in any order. */
  seancesOfBody: readonly { id: SeanceId; date: string }[];
}

/** A pouvoir is "toujours révocable" (CGCT L2121-20); a revoked one no longer exists for the vote. */
export function isRevoked(proxy: Proxy): boolean {
  return proxy.revokedAt !== undefined && proxy.revokedAt !== '';
}

/** The unrevoked pouvoirs covering one séance. */
export function activeProxiesFor(proxies: readonly Proxy[], seanceId: SeanceId): Proxy[] {
  return proxies.filter((p) => !isRevoked(p) && p.seanceIds.includes(seanceId));
}

/**
 * At most three consecutive séances "sauf cas de maladie dûment constatée" (CGCT L2121-20).
 * We read it as: the covered séances all lie within a run of three adjacent séances of the body
 * (by date). A pouvoir for séances 1 and 3 is then valid (member present at 2), one for 1 to 4 is not.
 */
const MAX_CONSECUTIVE_SEANCES = 3;

function spansTooManySeances(covered: readonly SeanceId[], seancesOfBody: ProxyContext['seancesOfBody']): boolean {
  // Same-day séances are ordered by id: UUIDv7 ids sort by creation time, which is stable.
  const order = [...seancesOfBody]
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1))
    .map((s) => s.id);
  const ranks = covered.map((id) => order.indexOf(id));
  return Math.max(...ranks) - Math.min(...ranks) + 1 > MAX_CONSECUTIVE_SEANCES;
}

function overlaps(a: Proxy, b: Proxy): boolean {
  return a.seanceIds.some((id) => b.seanceIds.includes(id));
}

/**
 * Validates a new (or edited) pouvoir against the rules of CGCT L2121-20 and the pouvoirs already
 * given. The first failing rule is reported, from the most basic to the ones needing other records.
 */
export function checkProxy(proxy: Proxy, ctx: ProxyContext): ProxyCheck {
  const refuse = (code: ProxyRefusal): ProxyCheck => ({ ok: false, code });

  // A member cannot hand their vote to themself: it would give them two votes.
  if (proxy.giverId === proxy.holderId) return refuse('proxy.selfHolder');
  // "Un conseiller municipal empêché … peut donner à un collègue de son choix pouvoir écrit":
  // both must sit on the body, as titular members.
  if (!ctx.inOffice.includes(proxy.giverId)) return refuse('proxy.giverNotInOffice');
  if (!ctx.inOffice.includes(proxy.holderId)) return refuse('proxy.holderNotInOffice');

  const covered = [...new Set(proxy.seanceIds)];
  // The schema already demands one séance; checked again since a pouvoir for none means nothing.
  if (covered.length === 0) return refuse('proxy.noSeance');
  const dates = new Map(ctx.seancesOfBody.map((s) => [s.id, s.date] as const));
  const coveredDates: string[] = [];
  for (const id of covered) {
    const date = dates.get(id);
    // A séance of another body, or not (yet) known: the pouvoir would count nowhere sensible.
    if (date === undefined) return refuse('proxy.unknownSeance');
    coveredDates.push(date);
  }

  // The pouvoir must be written before the séance it is used at (it is handed in at the opening).
  const earliest = coveredDates.reduce((min, d) => (d < min ? d : min));
  if (proxy.writtenOn > earliest) return refuse('proxy.writtenAfterSeance');

  if (!proxy.illness && spansTooManySeances(covered, ctx.seancesOfBody)) return refuse('proxy.tooManySeances');

  // Editing a pouvoir must not find a conflict with its own previous version.
  const others = ctx.existing.filter((p) => p.id !== proxy.id && !isRevoked(p) && overlaps(p, proxy));
  // A member can only be represented once at a séance: a second pouvoir would double their vote.
  if (others.some((p) => p.giverId === proxy.giverId)) return refuse('proxy.giverHasProxy');
  // "Un même conseiller municipal ne peut être porteur que d'un seul pouvoir" (CGCT L2121-20).
  if (others.some((p) => p.holderId === proxy.holderId)) return refuse('proxy.holderHasProxy');

  return { ok: true };
}
