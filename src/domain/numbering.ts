/**
 * Registry numbers (numéros d'acte), e.g. `20111107_DL_04`: the séance date, a type, a sequence.
 *
 * The scheme must stay collision-free while two devices work offline on the same séance (the
 * secretary's laptop and the president's tablet), without asking the server for a counter:
 *
 * 1. The sequence of a deliberation IS its order number (numéro d'ordre) within the séance. The
 *    agenda belongs to one séance record, and its order numbers are fixed when the séance starts
 *    (status `in_progress`): every device holds the same numbers for the same items, so two devices
 *    never give the same number to different deliberations.
 * 2. An item added during the séance takes max(orderNumber) + 1. If two offline devices both add
 *    one, they pick the same order number. The merge detects it with `resolveOrderCollisions`,
 *    which every device runs with the same result: items sorted by (orderNumber, id), the first of
 *    each order number keeps it, and each later one (the later-created, since ids are UUIDv7 and
 *    sort by creation time) takes the next free number after the current maximum. An item that
 *    already has a registry number wins over one that has none, so it is never the one moved.
 * 3. Registry numbers are assigned when the séance is closed, after that merge, by
 *    `assignRegistryNumbers`. A number once given never changes; only deliberations get one
 *    (information items, "prend acte", keep their order number but no registry number, so the
 *    register's sequence may have gaps, which is lawful: R2121-9 asks for order numbers per séance).
 *    Any remaining duplicate (order number or registry number) is an error for a person to resolve,
 *    never something to renumber silently.
 *
 * The default pattern has no body in it: two bodies sitting the same day (Bureau in the morning,
 * Comité in the afternoon) would mint the same numbers. Pass the numbers already used that day as
 * `taken`, or use a pattern with {TYPE} set per body.
 */

export const DEFAULT_REGISTRY_PATTERN = '{YYYY}{MM}{DD}_DL_{NN}';

const TOKENS = ['YYYY', 'MM', 'DD', 'NN', 'N', 'TYPE'] as const;
type Token = (typeof TOKENS)[number];
const isToken = (s: string): s is Token => (TOKENS as readonly string[]).includes(s);
const TOKEN_RE = /\{([^{}]*)\}/g;

/** Throws unless the pattern uses only known tokens and contains {NN} or {N}. */
export function validateRegistryPattern(pattern: string): void {
  const used = [...pattern.matchAll(TOKEN_RE)].map((match) => match[1] ?? '');
  const unknown = used.filter((t) => !isToken(t));
  if (unknown.length > 0) {
    throw new Error(`Modèle de numéro « ${pattern} » : jeton inconnu {${unknown[0]}} (connus : ${TOKENS.map((t) => `{${t}}`).join(' ')})`);
  }
  if (!used.includes('NN') && !used.includes('N')) {
    throw new Error(`Modèle de numéro « ${pattern} » : il doit contenir {NN} ou {N}`);
  }
}

/**
 * Formats a registry number: {YYYY} {MM} {DD} from the ISO date, {NN} the sequence on at least two
 * digits, {N} the sequence as is, {TYPE} the given type (required when the pattern uses it).
 */
export function formatRegistryNumber(pattern: string, args: { date: string; seq: number; type?: string }): string {
  validateRegistryPattern(pattern);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(args.date);
  if (!date) throw new Error(`Date de séance invalide : « ${args.date} » (attendu AAAA-MM-JJ)`);
  if (!Number.isInteger(args.seq) || args.seq < 1) throw new Error(`Numéro de séquence invalide : ${args.seq}`);
  const [, yyyy = '', mm = '', dd = ''] = date;
  const values: Record<Token, string | undefined> = {
    YYYY: yyyy, MM: mm, DD: dd, NN: String(args.seq).padStart(2, '0'), N: String(args.seq), TYPE: args.type,
  };
  return pattern.replace(TOKEN_RE, (_, token: string) => {
    const value = isToken(token) ? values[token] : undefined;
    if (value === undefined || value === '') throw new Error(`Modèle de numéro « ${pattern} » : {${token}} sans valeur`);
    return value;
  });
}

/**
 * The sequence after which a séance's new numbers start: the highest sequence that other séances
 * of the organisation already gave that day with that type (0 if none). The first séance of a day
 * numbers from 01, as its order numbers; a second one (the Comité after the Bureau) goes on from
 * the first one's last number, so that every act of the day has its own number (docs/decisions/002).
 */
export function sequenceOffset(taken: Iterable<string>, seanceDate: string, type: string): number {
  const prefix = `${seanceDate.replaceAll('-', '')}_${type}_`;
  let max = 0;
  for (const n of taken) {
    if (!n.startsWith(prefix)) continue;
    const seq = Number(n.slice(prefix.length));
    if (Number.isInteger(seq) && seq > max) max = seq;
  }
  return max;
}

export type NumberedItem = {
  id: string;
  orderNumber: number;
  kind: 'deliberation' | 'information';
  registryNumber?: string;
};

/**
 * The registry number of every deliberation of a séance, keyed by item id, in order-number order.
 * Existing numbers are kept; a new number is built from the item's order number. Throws a
 * descriptive Error if two items share an order number (run resolveOrderCollisions first), if two
 * items already share a registry number, or if a new number would collide with an existing one
 * or with one in `opts.taken` (numbers used by other séances, e.g. of another body the same day).
 */
export function assignRegistryNumbers(
  items: readonly NumberedItem[],
  seanceDate: string,
  pattern: string = DEFAULT_REGISTRY_PATTERN,
  opts: { type?: string; taken?: Iterable<string>; offset?: number } = {},
): Map<string, string> {
  validateRegistryPattern(pattern);
  const byOrder = new Map<number, NumberedItem>();
  for (const item of items) {
    const other = byOrder.get(item.orderNumber);
    if (other) {
      throw new Error(
        `Numéro d'ordre ${item.orderNumber} porté par deux points (${other.id} et ${item.id}) : ` +
          'résoudre la collision (resolveOrderCollisions) avant la numérotation',
      );
    }
    byOrder.set(item.orderNumber, item);
  }
  const sorted = [...items].sort((a, b) => a.orderNumber - b.orderNumber);
  // Numbers already given are reserved, information items' included: a number is never reused.
  const owner = new Map<string, string>([...(opts.taken ?? [])].map((n) => [n, 'une autre séance']));
  for (const item of sorted) {
    if (item.registryNumber === undefined) continue;
    const other = owner.get(item.registryNumber);
    if (other) throw new Error(`Numéro ${item.registryNumber} déjà attribué (${other}) et porté par ${item.id}`);
    owner.set(item.registryNumber, item.id);
  }
  const result = new Map<string, string>();
  for (const item of sorted) {
    if (item.kind !== 'deliberation') continue;
    if (item.registryNumber !== undefined) {
      result.set(item.id, item.registryNumber);
      continue;
    }
    const number = formatRegistryNumber(pattern, {
      date: seanceDate, seq: item.orderNumber + (opts.offset ?? 0), ...(opts.type === undefined ? {} : { type: opts.type }),
    });
    const other = owner.get(number);
    if (other) throw new Error(`Le numéro ${number} de ${item.id} (ordre ${item.orderNumber}) est déjà attribué (${other})`);
    owner.set(number, item.id);
    result.set(item.id, number);
  }
  return result;
}

/**
 * Makes order numbers unique after merging offline edits, identically on every device: sort by
 * (orderNumber, already numbered first, id); the first item of each order number keeps it; each
 * duplicate, in that order, takes the next number after the current maximum. Returns copies,
 * sorted by their final order number. Throws if an id appears twice (merge the records first).
 */
export function resolveOrderCollisions<T extends { id: string; orderNumber: number; registryNumber?: string }>(
  items: readonly T[],
): T[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw new Error(`Point ${item.id} présent deux fois : fusionner les enregistrements d'abord`);
    ids.add(item.id);
  }
  const numbered = (item: T) => (item.registryNumber === undefined ? 1 : 0);
  const sorted = [...items].sort(
    (a, b) =>
      a.orderNumber - b.orderNumber || numbered(a) - numbered(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let max = Math.max(0, ...items.map((item) => item.orderNumber));
  const seen = new Set<number>();
  const result: T[] = [];
  for (const item of sorted) {
    if (seen.has(item.orderNumber)) {
      max += 1;
      result.push({ ...item, orderNumber: max });
    } else {
      seen.add(item.orderNumber);
      result.push({ ...item });
    }
  }
  return result.sort((a, b) => a.orderNumber - b.orderNumber);
}
