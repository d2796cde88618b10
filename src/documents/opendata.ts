import { roundVotesCast } from '../domain/appointment';
import type { Appointment, Vote } from '../domain/schemas';
import type { SeanceFile } from '../domain/seanceFile';
import { voteCounts, type AppointmentStatus, type VoteCounts } from '../domain/tally';
import { scdlMatiere } from './scdlMatieres';
import { fullName, seanceView } from './seanceView';

/*
 * Open data of a séance.
 *
 * 1. SCDL "Délibérations" (OpenDataFrance, schema.data.gouv.fr, v2.1.2): a CSV with exactly the 17
 *    columns below, in that order. UTF-8 without byte-order mark, comma-separated, CRLF line ends
 *    and RFC 4180 quoting (a field is quoted when it holds a comma, a double quote, CR or LF; a
 *    double quote inside is doubled). Fields are written as they are: no "=" or "'" added for
 *    spreadsheets, the file is data. The schema describes adopted deliberations: one row per
 *    adopted deliberation; rejected ones, information items and items not voted are left out.
 *    VOTE_EFFECTIF is the members in office, VOTE_REEL the votants (present or represented)
 *    minus those who took no part in the vote.
 * 2. A Popolo-style JSON (popoloproject.com): the organisation and its body, people and their
 *    memberships, the séance as an event, each deliberation as a motion with its vote event,
 *    counts and, for a public roll-call, each vote. A vote cast with a pouvoir is the giver's
 *    vote (`voter_id`), with the holder in `proxy_holder_id` (an extension of Popolo).
 */

export const SCDL_COLUMNS = [
  'COLL_NOM', 'COLL_SIRET', 'DELIB_ID', 'DELIB_DATE', 'DELIB_MATIERE_CODE', 'DELIB_MATIERE_NOM', 'DELIB_OBJET',
  'BUDGET_ANNEE', 'BUDGET_NOM', 'PREF_ID', 'PREF_DATE', 'VOTE_EFFECTIF', 'VOTE_REEL', 'VOTE_POUR', 'VOTE_CONTRE',
  'VOTE_ABSTENTION', 'DELIB_URL',
] as const;
export type ScdlColumn = (typeof SCDL_COLUMNS)[number];
export type ScdlRow = Record<ScdlColumn, string>;

/**
 * SCDL has only pour / contre / abstention. An appointment is stated by its deciding round: pour
 * is the elected member's votes, contre the other candidates' votes, abstention the blank and
 * invalid ballots (not cast, like abstentions). Only appointments that elected someone are listed.
 */
function scdlCounts(vote: Vote, status: AppointmentStatus | undefined): Pick<VoteCounts, 'yes' | 'no' | 'abstain' | 'notVoting'> {
  const round = status?.state === 'elected' ? vote.appointment?.rounds[status.round - 1] : undefined;
  if (vote.mode !== 'appointment' || !round) return voteCounts(vote);
  const yes = status?.votes ?? 0;
  return { yes, no: roundVotesCast(round) - yes, abstain: round.blank + round.invalid, notVoting: 0 };
}

export function scdlRows(file: SeanceFile): ScdlRow[] {
  const view = seanceView(file);
  return view.items
    .filter((i) => i.deliberation.kind === 'deliberation' && i.result?.outcome === 'adopted' && i.vote)
    .map((i) => {
      const d = i.deliberation;
      const counts = scdlCounts(i.vote as NonNullable<typeof i.vote>, i.result?.appointment);
      const matiere = scdlMatiere(d.actesSubject);
      const p = i.publication;
      return {
        COLL_NOM: file.organisation.name,
        COLL_SIRET: file.organisation.siret,
        DELIB_ID: d.registryNumber || `${file.seance.date.replaceAll('-', '')}_${d.orderNumber}`,
        DELIB_DATE: file.seance.date,
        DELIB_MATIERE_CODE: matiere.code,
        DELIB_MATIERE_NOM: matiere.name,
        DELIB_OBJET: d.object,
        BUDGET_ANNEE: p.budgetYear ?? '',
        BUDGET_NOM: p.budgetName ?? '',
        PREF_ID: p.prefectureId ?? '',
        PREF_DATE: p.transmittedOn ?? '',
        VOTE_EFFECTIF: String(i.counts.inOffice),
        VOTE_REEL: String(Math.max(0, i.counts.voters - counts.notVoting)),
        VOTE_POUR: String(counts.yes),
        VOTE_CONTRE: String(counts.no),
        VOTE_ABSTENTION: String(counts.abstain),
        DELIB_URL: p.url ?? '',
      };
    });
}

/**
 * One CSV field, RFC 4180: quoted only when it must be. A text that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return: `=HYPERLINK(…)` typed as an
 * object) is prefixed with an apostrophe, as OWASP's "CSV injection" advice has it; no field of
 * the SCDL file legitimately starts so (counts are never negative).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The SCDL Délibérations CSV of a séance: header line, then one line per adopted deliberation, CRLF. */
export function scdlCsv(file: SeanceFile): string {
  const lines = [SCDL_COLUMNS.join(','), ...scdlRows(file).map((row) => SCDL_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

type PopoloOption = 'yes' | 'no' | 'abstain' | 'not voting' | 'absent';
const POPOLO_OPTION: Record<'yes' | 'no' | 'abstain' | 'notVoting', PopoloOption> = {
  yes: 'yes', no: 'no', abstain: 'abstain', notVoting: 'not voting',
};
const POPOLO_ROLE = { president: 'président', vice_president: 'vice-président', member: 'membre', substitute: 'suppléant' } as const;

export function popolo(file: SeanceFile): Record<string, unknown> {
  const view = seanceView(file);
  const { organisation: org, body, seance } = file;
  const startDate = `${seance.date}T${seance.time}`;
  return {
    organizations: [
      {
        id: org.id,
        name: org.name,
        classification: org.kind,
        ...(org.siret ? { identifiers: [{ scheme: 'SIRET', identifier: org.siret }] } : {}),
      },
      { id: body.id, name: body.name, classification: 'instance', parent_id: org.id },
    ],
    people: file.members.map((m) => ({
      id: m.id,
      name: fullName(m),
      given_name: m.firstName,
      family_name: m.lastName,
      honorific_prefix: m.civility,
    })),
    memberships: file.mandates.map((m) => ({
      id: m.id,
      person_id: m.memberId,
      organization_id: m.bodyId,
      role: POPOLO_ROLE[m.role],
      start_date: m.start,
      ...(m.end ? { end_date: m.end } : {}),
    })),
    events: [{
      id: seance.id,
      name: `Séance du ${body.name} du ${seance.date}`,
      classification: 'session',
      organization_id: body.id,
      start_date: startDate,
      location: seance.place,
    }],
    motions: view.items.map((i) => ({
      id: i.deliberation.id,
      organization_id: body.id,
      legislative_session_id: seance.id,
      identifier: i.deliberation.registryNumber || String(i.deliberation.orderNumber),
      text: i.deliberation.object,
      classification: i.deliberation.actesSubject || undefined,
      date: startDate,
      ...(i.result ? { result: i.result.outcome === 'adopted' ? 'pass' : i.result.outcome === 'rejected' ? 'fail' : 'noted' } : {}),
    })),
    vote_events: view.items.filter((i) => i.vote && i.vote.mode !== 'none').map((i) => {
      const vote = i.vote as NonNullable<typeof i.vote>;
      const counts = voteCounts(vote);
      const holders = new Map(i.counts.represented.map((r) => [r.giver, r.holder]));
      return {
        id: `${i.deliberation.id}:vote`,
        motion_id: i.deliberation.id,
        legislative_session_id: seance.id,
        organization_id: body.id,
        identifier: i.deliberation.registryNumber || String(i.deliberation.orderNumber),
        start_date: startDate,
        vote_mode: vote.mode,
        result: i.result?.outcome === 'adopted' ? 'pass' : 'fail',
        counts: [
          { option: 'yes', value: counts.yes },
          { option: 'no', value: counts.no },
          { option: 'abstain', value: counts.abstain },
          { option: 'not voting', value: counts.notVoting },
          { option: 'absent', value: i.counts.absent.length },
          ...(vote.mode === 'secretBallot' ? [{ option: 'blank', value: counts.blank }, { option: 'invalid', value: counts.invalid }] : []),
        ],
        // An appointment: each round's votes per candidate (an extension of Popolo), and who won.
        ...(vote.appointment ? { appointment: popoloAppointment(vote.appointment, i.result?.appointment) } : {}),
        // Names only for a public roll-call (L2121-21); never for a secret ballot.
        votes: vote.mode === 'rollCall'
          ? vote.ballots.map((b) => ({
            voter_id: b.onBehalfOf ?? b.memberId,
            option: POPOLO_OPTION[b.choice],
            ...(b.onBehalfOf ? { proxy_holder_id: b.memberId } : {}),
          }))
          : [],
        ...(holders.size > 0 ? { proxies: [...holders].map(([giver, holder]) => ({ giver_id: giver, holder_id: holder })) } : {}),
      };
    }),
  };
}

function popoloAppointment(a: Appointment, status: AppointmentStatus | undefined) {
  return {
    office: a.office,
    candidate_ids: a.candidates,
    rounds: a.rounds.map((r) => ({ candidates: r.votes.map((v) => ({ candidate_id: v.memberId, value: v.votes })), blank: r.blank, invalid: r.invalid })),
    ...(status?.elected ? { elected_id: status.elected, round: status.round, by_age: status.byAge } : { elected_id: null }),
  };
}

/** The Popolo JSON as text, indented, with a final newline. */
export function popoloJson(file: SeanceFile): string {
  return `${JSON.stringify(popolo(file), null, 2)}\n`;
}
