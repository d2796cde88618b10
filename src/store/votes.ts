import { canVote } from '../domain/status';
import type { DeliberationId } from '../domain/ids';
import { appointmentOutcome } from '../domain/appointment';
import type { MemberId } from '../domain/ids';
import { VoteSchema, type Appointment, type Deliberation, type Vote } from '../domain/schemas';
import { checkVoteEntry, countsForItem } from '../domain/voteEntry';
import { db } from './db';
import { CommandRefused } from './deliberationCommands';
import { fromZod } from './errors';
import { assertSeanceOpen } from './guards';
import { commandTables, runCommand } from './commands';
import { loadSeanceContext } from './seanceContext';

/*
 * Votes: one record per agenda item, keyed by the deliberation's id. Recorded during the séance
 * only, after the rules of voteEntry.checkVoteEntry (quorum at the item, counts adding up to the
 * item's votants, roll-call voices, casting vote). The counts are computed here, in the same
 * transaction as the write, from the attendance as stored: not from what a screen showed.
 */

export type VoteInput = Partial<Pick<Vote, 'yes' | 'no' | 'abstain' | 'notVoting' | 'blank' | 'invalid' | 'ballots'>> &
  Pick<Vote, 'mode'> & { appointment?: Omit<Appointment, 'outcome'> };

// Every table loadSeanceContext and the command's check read, so they run inside the write transaction.
const tables = () => commandTables(db());

async function votingContext(deliberationId: string) {
  const item = await db().deliberations.get(deliberationId as DeliberationId);
  if (!item) throw new CommandRefused('delib.notFound');
  const ctx = await loadSeanceContext(item.seanceId);
  assertSeanceOpen(ctx?.seance);
  if (!ctx || !canVote(ctx.seance.status)) throw new CommandRefused('vote.notInProgress');
  return { item, ctx };
}

/** Records (or replaces) the vote of an item; refused with a French message if impossible. */
export async function recordVote(deliberationId: string, input: VoteInput, now = new Date()): Promise<Vote> {
  const d = db();
  return d.transaction('rw', tables(), async () => {
    const { item, ctx } = await votingContext(deliberationId);
    const existing = await d.votes.get(item.id);
    const parsed = VoteSchema.safeParse({ ...input, deliberationId: item.id, version: existing?.version ?? 0, updatedAt: now.toISOString() });
    if (!parsed.success) throw fromZod(parsed.error);
    const vote = parsed.data;
    const counts = countsForItem(ctx, item);
    const check = checkVoteEntry({ kind: item.kind, vote, counts, presidentId: ctx.seance.presidentId, inOffice: ctx.inOffice });
    if (!check.ok) throw new CommandRefused(check.code, check.params ?? {});
    if (vote.appointment) {
      // The outcome is decided now, with the birth dates now known, and signed with the act.
      const birthDate = new Map<string, string | undefined>(ctx.allMembers.map((m) => [m.id, m.birthDate]));
      vote.appointment = { ...vote.appointment, outcome: appointmentOutcome(vote.appointment, (id: MemberId) => birthDate.get(id)) };
    }
    // The vote is sent whole: an appointment the new vote no longer has is cleared (null).
    const args = existing?.appointment && !vote.appointment ? { ...vote, appointment: null } : vote;
    await runCommand({ name: 'vote.record', recordId: item.id, baseVersion: existing?.version ?? 0, args, after: vote }, now);
    return vote;
  });
}

/** Withdraws a vote entered by mistake, while the séance is in progress. */
export async function cancelVote(deliberationId: string, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(), async () => {
    const { item } = await votingContext(deliberationId);
    const existing = await d.votes.get(item.id);
    if (!existing) return;
    await runCommand({ name: 'vote.cancel', recordId: item.id, baseVersion: existing.version, args: {} }, now);
  });
}

/* Reads */

/** The votes of a séance's items, by deliberation id. */
export async function votesOf(items: readonly Pick<Deliberation, 'id'>[]): Promise<Map<string, Vote>> {
  const votes = await db().votes.bulkGet(items.map((i) => i.id));
  return new Map(votes.filter((v): v is Vote => !!v).map((v) => [v.deliberationId, v]));
}

export async function voteOf(deliberationId: string): Promise<Vote | null> {
  return (await db().votes.get(deliberationId as DeliberationId)) ?? null;
}
