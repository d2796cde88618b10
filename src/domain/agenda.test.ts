import { describe, expect, it } from 'vitest';
import { canReorder, compactOrder, moveItem, nextOrderNumber, registryNumberOf } from './agenda';
import { canEdit, canVote, isClosed } from './status';
import { seanceStatuses } from './schemas';

const items = [
  { id: 'c', orderNumber: 3 },
  { id: 'a', orderNumber: 1 },
  { id: 'b', orderNumber: 2 },
];

describe('agenda rules by séance status', () => {
  it('reorders only before the séance starts', () => {
    expect(seanceStatuses.filter(canReorder)).toEqual(['draft', 'convened']);
  });
  it('drafts until the séance is closed, votes during it only', () => {
    expect(seanceStatuses.filter(canEdit)).toEqual(['draft', 'convened', 'in_progress']);
    expect(seanceStatuses.filter(canVote)).toEqual(['in_progress']);
    expect(seanceStatuses.filter(isClosed)).toEqual(['closed', 'signed', 'published']);
  });
});

describe('nextOrderNumber', () => {
  it('follows the last item, leaving gaps as they are', () => {
    expect(nextOrderNumber([])).toBe(1);
    expect(nextOrderNumber(items)).toBe(4);
    expect(nextOrderNumber([{ orderNumber: 1 }, { orderNumber: 5 }])).toBe(6);
  });
});

describe('moveItem', () => {
  it('swaps an item with its neighbour', () => {
    expect(moveItem(items, 'b', 'up')).toEqual(new Map([['b', 1], ['a', 2]]));
    expect(moveItem(items, 'b', 'down')).toEqual(new Map([['b', 3], ['c', 2]]));
  });
  it('does nothing at either end or for an unknown item', () => {
    expect(moveItem(items, 'a', 'up').size).toBe(0);
    expect(moveItem(items, 'c', 'down').size).toBe(0);
    expect(moveItem(items, 'x', 'up').size).toBe(0);
  });
});

describe('compactOrder', () => {
  it('closes the gaps left by a deleted item', () => {
    expect(compactOrder([{ id: 'a', orderNumber: 1 }, { id: 'c', orderNumber: 3 }, { id: 'd', orderNumber: 4 }])).toEqual(
      new Map([['c', 2], ['d', 3]]),
    );
    expect(compactOrder(items).size).toBe(0);
  });
});

describe('registryNumberOf', () => {
  it('shows the number a deliberation will get, provisional until it is stored', () => {
    expect(registryNumberOf({ kind: 'deliberation', orderNumber: 4 }, '2011-11-07')).toEqual({ number: '20111107_DL_04', provisional: true });
  });
  it('shows a stored number as it is, even if the order number moved since', () => {
    expect(registryNumberOf({ kind: 'deliberation', orderNumber: 5, registryNumber: '20111107_DL_04' }, '2011-11-07')).toEqual({
      number: '20111107_DL_04', provisional: false,
    });
  });
  it('gives no number to an information item', () => {
    expect(registryNumberOf({ kind: 'information', orderNumber: 2 }, '2011-11-07')).toBeUndefined();
  });
});
