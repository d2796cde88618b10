import { DEFAULT_REGISTRY_PATTERN, formatRegistryNumber } from './numbering';
import type { Deliberation, SeanceStatus } from './schemas';

/*
 * The agenda (ordre du jour) of a séance: its items in order. Order numbers (numéros d'ordre)
 * are the sequence of the registry numbers (numbering.ts), so they may move only while the
 * séance is prepared. Once it starts they are fixed: an item added during the séance takes the
 * next number after the last one, and nothing is renumbered (R2121-9: order numbers per séance).
 */

/** Items may be reordered, or deleted, only before the séance starts. */
export function canReorder(status: SeanceStatus): boolean {
  return status === 'draft' || status === 'convened';
}




/** The order number of a new item: after the last one, never filling a gap. */
export function nextOrderNumber(items: readonly { orderNumber: number }[]): number {
  return Math.max(0, ...items.map((i) => i.orderNumber)) + 1;
}

/**
 * Moves one item up or down by one place and returns the new order number of every item whose
 * number changed (the two swapped). Unchanged when the item is first (up) or last (down).
 */
export function moveItem<T extends { id: string; orderNumber: number }>(
  items: readonly T[],
  id: string,
  direction: 'up' | 'down',
): Map<string, number> {
  const sorted = [...items].sort((a, b) => a.orderNumber - b.orderNumber);
  const index = sorted.findIndex((i) => i.id === id);
  const other = sorted[direction === 'up' ? index - 1 : index + 1];
  const item = sorted[index];
  if (!item || !other) return new Map();
  return new Map([
    [item.id, other.orderNumber],
    [other.id, item.orderNumber],
  ]);
}

/**
 * Numbers 1..n in the current order, closing the gap a deleted item leaves (only before the
 * séance starts). Returns the changed numbers only.
 */
export function compactOrder<T extends { id: string; orderNumber: number }>(items: readonly T[]): Map<string, number> {
  const changes = new Map<string, number>();
  [...items]
    .sort((a, b) => a.orderNumber - b.orderNumber)
    .forEach((item, i) => {
      if (item.orderNumber !== i + 1) changes.set(item.id, i + 1);
    });
  return changes;
}

/**
 * The registry number of an item as the screens show it: the stored one once given (at closing,
 * see store/closing.ts), before that the number the item will get, marked provisional. An
 * information item ("prend acte") gets none.
 */
export function registryNumberOf(
  item: Pick<Deliberation, 'kind' | 'orderNumber' | 'registryNumber'>,
  seanceDate: string,
  pattern = DEFAULT_REGISTRY_PATTERN,
  /** The numbers other séances gave that day come first (numbering.sequenceOffset). */
  offset = 0,
): { number: string; provisional: boolean } | undefined {
  if (item.registryNumber) return { number: item.registryNumber, provisional: false };
  if (item.kind !== 'deliberation') return undefined;
  try {
    return { number: formatRegistryNumber(pattern, { date: seanceDate, seq: item.orderNumber + offset }), provisional: true };
  } catch {
    return undefined;
  }
}
