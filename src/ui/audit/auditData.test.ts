import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../store/db';
import { actionOfMutation, mergeAudit, type LocalAudit } from './auditData';

const entry = (mutationId: number, name: string, table: string, args: unknown, createdAt: string): OutboxEntry => ({
  mutationId, name, table, recordId: 'r1', baseVersion: 0, args, createdAt,
});

const local = (over: Partial<LocalAudit> = {}): LocalAudit => ({
  clientId: 'client-here', userName: 'Claire DUMONT', pending: [], signatures: [], seal: undefined, ...over,
});

describe('audit log of a record', () => {
  it('names pending mutations as the server will log them', () => {
    const change = (name: string, table: string, baseVersion = 1) => actionOfMutation({ name, table, baseVersion });
    expect(change('deliberation.create', 'deliberations', 0)).toBe('created');
    expect(change('vote.record', 'votes', 0)).toBe('created');
    expect(change('deliberation.update', 'deliberations')).toBe('edited');
    // The act edited by a correction; the correction itself is its own line.
    expect(change('deliberation.correct', 'deliberations')).toBe('edited');
    expect(change('correction.record', 'corrections', 0)).toBe('corrected');
    expect(change('vote.cancel', 'votes')).toBe('deleted');
    expect(change('deliberation.delete', 'deliberations', 0)).toBe('deleted');
    expect(change('signature.create', 'signatures', 0)).toBe('signed');
    expect(change('correctionRequest.create', 'correctionRequests', 0)).toBe('correctionRequested');
    expect(change('correctionRequest.done', 'correctionRequests')).toBe('correctionDone');
  });

  it('merges the server history with this device’s pending changes, in time order', () => {
    const lines = mergeAudit(
      [
        { at: '2011-11-07T17:00:00Z', action: 'created', userName: 'Sam Secrétaire', clientId: 'client-laptop-1234', status: 'applied' },
        { at: '2011-11-07T18:00:00Z', action: 'edited', userName: 'Claire DUMONT', clientId: 'client-here', status: 'applied' },
      ],
      local({ pending: [entry(4, 'correctionRequest.create', 'correctionRequests', {}, '2011-11-07T17:30:00Z')] }),
    );
    expect(lines.map((l) => [l.action, l.userName, l.device.kind, l.pending])).toEqual([
      ['created', 'Sam Secrétaire', 'other', false],
      ['correctionRequested', 'Claire DUMONT', 'this', true],
      ['edited', 'Claire DUMONT', 'this', false],
    ]);
  });

  it('without the server history, shows the signatures and the seal stored here, not twice when pending', () => {
    const sig = (id: string, signedAt: string) =>
      ({ id, subject: { kind: 'minutes', id: 'r1' }, signerName: 'Claire DUMONT', signedAt, deviceKeyId: 'key-abcdef123456' }) as never;
    const lines = mergeAudit(
      undefined,
      local({
        signatures: [sig('s1', '2011-11-08T10:00:00Z'), sig('s2', '2011-11-08T10:05:00Z')],
        pending: [{ ...entry(7, 'signature.create', 'signatures', { signerName: 'Bernard LEFEBVRE' }, '2011-11-08T10:05:00Z'), recordId: 's2' }],
        seal: { seanceId: 'r1', sealedAt: '2011-11-08T11:00:00Z' } as never,
      }),
    );
    expect(lines.map((l) => [l.action, l.userName, l.pending])).toEqual([
      ['signed', 'Claire DUMONT', false],
      ['signed', 'Bernard LEFEBVRE', true],
      ['sealed', '', false],
    ]);
  });
});

describe('audit log of a record on a device shared by several users', () => {
  it('shows a pending change under the user who made it, and every client id of this device as this device', () => {
    const lines = mergeAudit(
      [{ at: '2011-11-07T17:00:00Z', action: 'created', userName: 'Sam Secrétaire', clientId: 'client-of-sam', status: 'applied' }],
      local({
        clientId: 'client-of-claire',
        clientIds: ['client-of-claire', 'client-of-sam'],
        userNames: { sam: 'Sam Secrétaire' },
        pending: [{ ...entry(2, 'seance.status', 'seances', {}, '2011-11-07T18:00:00Z'), userId: 'sam' }],
      }),
    );
    expect(lines.map((l) => [l.userName, l.device.kind, l.pending])).toEqual([
      ['Sam Secrétaire', 'this', false],
      ['Sam Secrétaire', 'this', true],
    ]);
  });
});
