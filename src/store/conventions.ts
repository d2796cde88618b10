import type { Convention, Deliberation, Organisation, Seance, Signature } from '../domain/schemas';
import { db } from './db';

/*
 * Reads of conventions (no validation code: screens that only show conventions stay light).
 */
export interface ConventionView {
  convention: Convention;
  signatures: Signature[];
}

async function withSignatures(list: Convention[]): Promise<ConventionView[]> {
  const d = db();
  return Promise.all(
    list.map(async (convention) => ({
      convention,
      signatures: (await d.signatures.where('subject.id').equals(convention.id).toArray()).filter((s) => s.subject.kind === 'convention'),
    })),
  );
}

export async function listConventions(): Promise<ConventionView[]> {
  const all = await db().conventions.toArray();
  return withSignatures(all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
}

export async function conventionsOfDeliberation(deliberationId: string): Promise<ConventionView[]> {
  return withSignatures(await db().conventions.where('deliberationId').equals(deliberationId).toArray());
}

export interface ConventionDetail extends ConventionView {
  deliberation?: Deliberation;
  seance?: Seance;
  organisation?: Organisation;
  /** Whether the attached PDF (if any) is on this device. */
  hasAttachment: boolean;
}

export async function loadConvention(id: string): Promise<ConventionDetail | null> {
  const d = db();
  const convention = await d.conventions.get(id as Convention['id']);
  if (!convention) return null;
  const [view] = await withSignatures([convention]);
  const deliberation = await d.deliberations.get(convention.deliberationId);
  const seance = await d.seances.get(convention.seanceId);
  const organisation = await d.organisations.get(convention.organisationId);
  const hasAttachment = convention.attachment ? !!(await d.annexes.get(convention.attachment.annexId)) : false;
  return {
    ...view!,
    ...(deliberation ? { deliberation } : {}),
    ...(seance ? { seance } : {}),
    ...(organisation ? { organisation } : {}),
    hasAttachment,
  };
}
