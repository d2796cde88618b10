import * as z from 'zod';
import { frCodeText, frText } from '../i18n/fr/all';
import { UUID_RE } from './ids';
import type { DeliberationId } from './ids';
import {
  AttendanceSchema, BodySchema, ConventionSchema, DeliberationSchema, MandateSchema, MemberSchema, OrganisationSchema, ProxySchema,
  PublicKeySchema, SealSchema, SeanceSchema, SignatureSchema, VoteSchema, isoDate,
} from './schemas';

/*
 * The séance file: one JSON document holding a séance and everything its documents need
 * (organisation, body, members and mandates, attendance, pouvoirs, deliberations, votes,
 * signatures). It is how a séance moves from one device to another when there is no network at
 * all (a USB key), and what `npm run render` reads.
 *
 * Publication facts (affichage, mise en ligne, transmission to the préfecture) have no record of
 * their own yet, so the file carries them in `publication`: séance-wide dates, which every
 * deliberation inherits, and per-deliberation entries in `publication.acts` (keyed by
 * deliberation id) that override them field by field. `actPublication` merges the two.
 *
 * An import is all or nothing: `parseSeanceFile` either returns the whole file, checked, or the
 * first problem in French with its path, and the caller writes nothing.
 */

export const SEANCE_FILE_FORMAT = 'registre-seance';
export const SEANCE_FILE_VERSION = 1;
/** Refused before JSON.parse: a real séance weighs a few hundred kilobytes. */
export const SEANCE_FILE_MAX_CHARS = 20_000_000;

/** "10 000" with the narrow no-break space of French typography, whatever the runtime's ICU. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

const deliberationKey = z.string().regex(UUID_RE, 'error.id');

/** Dates (ISO) that make an act enforceable (CGCT L2131-1), and where it is published. */
export const ActPublicationSchema = z.object({
  /** Affichage (posting at the seat of the organisation). */
  displayedOn: isoDate.optional(),
  /** Mise en ligne (electronic publication). */
  publishedOn: isoDate.optional(),
  /** Transmission to the préfecture (@CTES), i.e. the date of its acknowledgement of receipt. */
  transmittedOn: isoDate.optional(),
  /** Address of the published act (SCDL DELIB_URL). */
  url: z.string().trim().max(2_000, 'error.tooLong').regex(/^(https?:\/\/\S+)?$/, 'error.url').optional(),
  /** SCDL BUDGET_ANNEE: "2011" or "2011/2012", for acts with a budgetary effect. */
  budgetYear: z.string().regex(/^(\d{4}(\/\d{4})?)?$/, 'error.budgetYear').optional(),
  /** SCDL BUDGET_NOM. */
  budgetName: z.string().trim().max(200, 'error.tooLong').optional(),
});
export type ActPublication = z.infer<typeof ActPublicationSchema>;

export const SeancePublicationSchema = ActPublicationSchema.extend({
  /** The legality-control authority as SCDL PREF_ID writes it: "PREF080", "SPREF0801", "SGAR080". */
  prefectureId: z.string().regex(/^((PREF|SGAR)\d{2}[\dAB]|SPREF\d{2}[\dAB]\d)?$/, 'error.prefectureId').optional(),
  acts: z
    .record(deliberationKey, ActPublicationSchema)
    .refine((acts) => Object.keys(acts).length <= 1_000, 'error.tooMany')
    .optional(),
});
export type SeancePublication = z.infer<typeof SeancePublicationSchema>;

export const SeanceFileSchema = z.object({
  format: z.literal(SEANCE_FILE_FORMAT),
  version: z.literal(SEANCE_FILE_VERSION),
  /** When and by what the file was written; informative only. */
  exportedAt: z.string().max(40).optional(),
  /** Free text for the person who receives the file. */
  note: z.string().max(2_000, 'error.tooLong').optional(),
  organisation: OrganisationSchema,
  body: BodySchema,
  members: z.array(MemberSchema).max(1_000),
  mandates: z.array(MandateSchema).max(5_000),
  seance: SeanceSchema,
  attendance: z.array(AttendanceSchema).max(1_000),
  proxies: z.array(ProxySchema).max(1_000),
  deliberations: z.array(DeliberationSchema).max(999),
  votes: z.array(VoteSchema).max(999),
  /** Conventions authorised by the séance's deliberations (their signatures are in `signatures`). */
  conventions: z.array(ConventionSchema).max(500).default([]),
  signatures: z.array(SignatureSchema).max(2_000).default([]),
  /** The séance's seal in the register's chain, once sealed (`npm run verify` checks it). */
  seal: SealSchema.optional(),
  /**
   * The public keys its signatures and seal name, as the server published them (decision 005):
   * `npm run verify` checks each signature and the seal with them. Absent in older files.
   */
  keys: z.array(PublicKeySchema).max(200).optional(),
  publication: SeancePublicationSchema.optional(),
});
export type SeanceFile = z.infer<typeof SeanceFileSchema>;

export type SeanceFileResult = { ok: true; file: SeanceFile } | { ok: false; message: string };

/** "deliberations[0].object"; empty for the file itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A catalog sentence inside a message: "Ce champ est obligatoire." → "ce champ est obligatoire". */
function asClause(sentence: string): string {
  const s = sentence.replace(/\.$/, '');
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const CLAUSES: Record<string, string> = {
  'error.url': 'adresse web invalide (attendu http:// ou https://)',
  'error.budgetYear': 'année de budget invalide (attendu AAAA ou AAAA/AAAA)',
  'error.prefectureId': 'identifiant de préfecture invalide (ex. PREF080)',
  'error.tooMany': 'trop d’éléments',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte', number: 'un nombre', int: 'un nombre entier', boolean: 'vrai ou faux',
  object: 'un objet', array: 'une liste', record: 'un objet',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'string') return `« ${value.length > 40 ? `${value.slice(0, 40)}…` : value} »`;
  if (typeof value === 'object') return 'un objet';
  return String(value);
}

/** The French clause for one zod issue (without its path). */
function issueClause(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const key = issue.message;
  if (key in CLAUSES) return CLAUSES[key] as string;
  if (key === 'error.tooLong' && issue.code === 'too_big') {
    return `texte trop long (${thousands(Number(issue.maximum))} caractères au plus)`;
  }
  const known = frCodeText(key);
  if (known !== undefined) return asClause(known);
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return asClause(frText('error.required'));
      return `valeur de type inattendu : ${TYPE_NAMES[issue.expected] ?? issue.expected} attendu, reçu ${describe(input)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `trop d’éléments (${String(issue.maximum)} au plus)`;
      if (issue.origin === 'string') return `texte trop long (${String(issue.maximum)} caractères au plus)`;
      return `valeur trop grande (${String(issue.maximum)} au plus)`;
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return `pas assez d’éléments (${String(issue.minimum)} au moins)`;
      if (issue.origin === 'string') return asClause(frText('error.required'));
      return `valeur trop petite (${String(issue.minimum)} au moins)`;
    case 'invalid_value':
      return `valeur ${describe(input)} non reconnue (attendu : ${issue.values.map((v) => `« ${String(v)} »`).join(', ')})`;
    case 'invalid_format':
      return `format invalide : ${describe(input)}`;
    case 'invalid_key':
      return `clé invalide : ${describe(input)}`;
    default:
      return asClause(frText('error.invalid'));
  }
}

function problem(path: string, clause: string): { ok: false; message: string } {
  return { ok: false, message: path === '' ? clause.charAt(0).toUpperCase() + clause.slice(1) : `${path} : ${clause}` };
}

/** The first record whose id repeats an earlier one, with its index. */
function firstDuplicate<T>(items: readonly T[], keyOf: (item: T) => string | undefined): number {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const key = keyOf(item);
    if (key === undefined) continue;
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return -1;
}

/**
 * Checks that the records of a schema-valid file refer to each other: one organisation, the
 * file's body and séance, known members and deliberations. Returns the first problem, or null.
 */
export function crossCheck(file: SeanceFile): { ok: false; message: string } | null {
  const org = file.organisation.id;
  const members = new Set<string>(file.members.map((m) => m.id));
  const deliberations = new Set<string>(file.deliberations.map((d) => d.id));
  const member = (path: string, id: string | undefined) =>
    id === undefined || members.has(id) ? null : problem(path, `membre inconnu (${id})`);

  if (file.body.organisationId !== org) return problem('body.organisationId', 'l’instance appartient à une autre organisation');
  if (file.seance.organisationId !== org) return problem('seance.organisationId', 'la séance appartient à une autre organisation');
  if (file.seance.bodyId !== file.body.id) return problem('seance.bodyId', 'la séance est celle d’une autre instance');
  const seanceRefs = [member('seance.presidentId', file.seance.presidentId),
    ...file.seance.secretaryIds.map((id, i) => member(`seance.secretaryIds[${i}]`, id))];
  for (const p of seanceRefs) if (p) return p;

  let dup = firstDuplicate(file.members, (m) => m.id);
  if (dup >= 0) return problem(`members[${dup}].id`, 'membre présent deux fois');
  for (const [i, m] of file.members.entries()) {
    if (m.organisationId !== org) return problem(`members[${i}].organisationId`, 'le membre appartient à une autre organisation');
  }
  dup = firstDuplicate(file.mandates, (m) => m.id);
  if (dup >= 0) return problem(`mandates[${dup}].id`, 'mandat présent deux fois');
  for (const [i, m] of file.mandates.entries()) {
    if (m.bodyId !== file.body.id) return problem(`mandates[${i}].bodyId`, 'mandat d’une autre instance');
    const p = member(`mandates[${i}].memberId`, m.memberId) ?? member(`mandates[${i}].substituteFor`, m.substituteFor);
    if (p) return p;
  }

  dup = firstDuplicate(file.attendance, (a) => a.memberId);
  if (dup >= 0) return problem(`attendance[${dup}].memberId`, 'présence du même membre enregistrée deux fois');
  for (const [i, a] of file.attendance.entries()) {
    if (a.seanceId !== file.seance.id) return problem(`attendance[${i}].seanceId`, 'présence d’une autre séance');
    const p = member(`attendance[${i}].memberId`, a.memberId);
    if (p) return p;
  }

  for (const [i, p] of file.proxies.entries()) {
    if (p.organisationId !== org) return problem(`proxies[${i}].organisationId`, 'pouvoir d’une autre organisation');
    if (p.bodyId !== file.body.id) return problem(`proxies[${i}].bodyId`, 'pouvoir pour une autre instance');
    if (!p.seanceIds.includes(file.seance.id)) return problem(`proxies[${i}].seanceIds`, 'le pouvoir ne couvre pas cette séance');
    const q = member(`proxies[${i}].giverId`, p.giverId) ?? member(`proxies[${i}].holderId`, p.holderId);
    if (q) return q;
  }

  dup = firstDuplicate(file.deliberations, (d) => d.id);
  if (dup >= 0) return problem(`deliberations[${dup}].id`, 'délibération présente deux fois');
  dup = firstDuplicate(file.deliberations, (d) => String(d.orderNumber));
  if (dup >= 0) return problem(`deliberations[${dup}].orderNumber`, 'numéro d’ordre déjà porté par un autre point');
  dup = firstDuplicate(file.deliberations, (d) => d.registryNumber || undefined);
  if (dup >= 0) return problem(`deliberations[${dup}].registryNumber`, 'numéro d’acte déjà porté par une autre délibération');
  for (const [i, d] of file.deliberations.entries()) {
    if (d.seanceId !== file.seance.id) return problem(`deliberations[${i}].seanceId`, 'délibération d’une autre séance');
    if (d.organisationId !== org) return problem(`deliberations[${i}].organisationId`, 'délibération d’une autre organisation');
    const p = member(`deliberations[${i}].rapporteurId`, d.rapporteurId) ??
      d.withdrawn.map((id, j) => member(`deliberations[${i}].withdrawn[${j}]`, id)).find((x) => x !== null);
    if (p) return p;
  }

  dup = firstDuplicate(file.votes, (v) => v.deliberationId);
  if (dup >= 0) return problem(`votes[${dup}].deliberationId`, 'deux votes pour la même délibération');
  for (const [i, v] of file.votes.entries()) {
    if (!deliberations.has(v.deliberationId)) return problem(`votes[${i}].deliberationId`, `délibération inconnue (${v.deliberationId})`);
    for (const [j, b] of v.ballots.entries()) {
      const p = member(`votes[${i}].ballots[${j}].memberId`, b.memberId) ?? member(`votes[${i}].ballots[${j}].onBehalfOf`, b.onBehalfOf);
      if (p) return p;
    }
  }

  dup = firstDuplicate(file.conventions, (c) => c.id);
  if (dup >= 0) return problem(`conventions[${dup}].id`, 'identifiant en double');
  for (const [i, c] of file.conventions.entries()) {
    if (c.organisationId !== org) return problem(`conventions[${i}].organisationId`, 'convention d’une autre organisation');
    if (c.seanceId !== file.seance.id) return problem(`conventions[${i}].seanceId`, 'convention d’une autre séance');
    if (!deliberations.has(c.deliberationId)) return problem(`conventions[${i}].deliberationId`, `délibération inconnue (${c.deliberationId})`);
  }
  const conventions = new Set<string>(file.conventions.map((c) => c.id));

  for (const [i, s] of file.signatures.entries()) {
    if (s.organisationId !== org) return problem(`signatures[${i}].organisationId`, 'signature d’une autre organisation');
    const known = s.subject.kind === 'deliberation' ? deliberations.has(s.subject.id)
      : s.subject.kind === 'minutes' ? s.subject.id === file.seance.id : conventions.has(s.subject.id);
    if (!known) return problem(`signatures[${i}].subject.id`, `document signé inconnu (${s.subject.id})`);
  }

  for (const id of Object.keys(file.publication?.acts ?? {})) {
    if (!deliberations.has(id)) return problem(`publication.acts.${id}`, 'délibération inconnue');
  }
  return null;
}

/** Validates a parsed séance file: the whole file, or the first problem in French with its path. */
export function parseSeanceFile(json: unknown): SeanceFileResult {
  // Say plainly what the file is not before listing its missing fields.
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, message: 'Ce fichier n’est pas un fichier de séance (un objet JSON est attendu).' };
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head.format !== SEANCE_FILE_FORMAT) {
    return { ok: false, message: `Ce fichier n’est pas un fichier de séance Registre (format « ${SEANCE_FILE_FORMAT} » attendu).` };
  }
  if (head.version !== SEANCE_FILE_VERSION) {
    return {
      ok: false,
      message: `Version de fichier de séance non prise en charge : ${describe(head.version)} (version ${SEANCE_FILE_VERSION} attendue).`,
    };
  }
  const parsed = SeanceFileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return problem('', asClause(frText('error.invalid')));
    return problem(formatPath(issue.path), issueClause(issue));
  }
  return crossCheck(parsed.data) ?? { ok: true, file: parsed.data };
}

/** Parses the text of a séance file (as read from disk or an <input type="file">) and validates it. */
export function parseSeanceFileText(text: string): SeanceFileResult {
  if (text.length > SEANCE_FILE_MAX_CHARS) {
    return { ok: false, message: `Fichier trop volumineux (${thousands(SEANCE_FILE_MAX_CHARS)} caractères au plus).` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, message: `Ce fichier n’est pas du JSON valide : ${e instanceof Error ? e.message : String(e)}` };
  }
  return parseSeanceFile(json);
}

/** The publication facts of one deliberation: the séance-wide ones, overridden by its own entry. */
export function actPublication(file: Pick<SeanceFile, 'publication'>, id: DeliberationId): ActPublication & { prefectureId?: string } {
  const { acts, ...seanceWide } = file.publication ?? {};
  const own = acts?.[id] ?? {};
  const merged: ActPublication & { prefectureId?: string } = { ...seanceWide };
  for (const [key, value] of Object.entries(own)) if (value !== undefined) Object.assign(merged, { [key]: value });
  return merged;
}
