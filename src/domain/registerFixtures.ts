import { canonicalHash } from './canonical';
import { newId } from './ids';
import { makeSeal, type Seal } from './seal';
import type { SeanceFile } from './seanceFile';
import type { PublicKey, Signature } from './schemas';
import { deliberationContent, minutesContent } from './signedContent';
import { generateDeviceKey, signContent, type DeviceKey } from './signing';

/*
 * Test data for the register checks (domain/verifyRegister.test.ts, store/registerCheck.test.ts):
 * a séance file (the reference séance) made into three séances of the same body, each signed
 * (procès-verbal by its president and secretary, the extract by its president) and sealed in
 * order with a seal key, as the server would, with the keys published for them.
 */

export interface RegisterKeys {
  president: DeviceKey;
  secretary: DeviceKey;
  seal: DeviceKey;
  /** The three keys as the server publishes them. */
  published: PublicKey[];
}

export const publishedKey = (key: DeviceKey, organisationId: string, kind: 'seal' | 'device', userName?: string): PublicKey => ({
  keyId: key.keyId,
  organisationId,
  kind,
  publicKeyJwk: { kty: 'EC', crv: 'P-256', x: key.publicKeyJwk.x!, y: key.publicKeyJwk.y! },
  ...(userName ? { userName } : {}),
  createdAt: '2011-01-01T00:00:00.000Z',
  version: 1,
});

export async function registerKeys(organisationId: string): Promise<RegisterKeys> {
  const [president, secretary, seal] = await Promise.all([generateDeviceKey(), generateDeviceKey(), generateDeviceKey()]);
  const published = [
    publishedKey(president, organisationId, 'device', 'Jean-François VASSEUR'),
    publishedKey(secretary, organisationId, 'device', 'Jean-Claude RENAUX'),
    publishedKey(seal, organisationId, 'seal'),
  ];
  return { president, secretary, seal, published };
}

async function sign(f: SeanceFile, subject: Signature['subject'], content: unknown, key: DeviceKey, role: 'president' | 'secretary'): Promise<Signature> {
  const who = role === 'president'
    ? { signerName: 'Jean-François VASSEUR', capacity: 'Président', memberId: f.seance.presidentId }
    : { signerName: 'Jean-Claude RENAUX', capacity: 'Secrétaire de séance', memberId: f.seance.secretaryIds[0] };
  const strokes = [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.4 }]];
  const rec = await signContent({ subject, content, strokes, signerName: who.signerName, capacity: who.capacity, signedAt: `${f.seance.date}T19:00:00.000Z` }, key);
  return {
    id: newId<'SignatureId'>(),
    organisationId: f.organisation.id,
    seanceId: f.seance.id,
    role,
    ...(who.memberId ? { memberId: who.memberId } : {}),
    ...rec,
    version: 1,
    updatedAt: '',
  };
}

const extractContent = (f: SeanceFile, id: string) => {
  const d = f.deliberations.find((x) => x.id === id);
  return d && deliberationContent(d, f.votes.find((v) => v.deliberationId === d.id), f.seance.frozen);
};

/** Three séances made from `base` (its president and first secretary sign), signed and sealed in order. */
export async function sealedRegister(base: SeanceFile, keys: RegisterKeys): Promise<SeanceFile[]> {
  const files: SeanceFile[] = [];
  let previous: Seal | undefined;
  for (const [i, date] of ['2011-11-07', '2011-12-12', '2012-01-16'].entries()) {
    const f = structuredClone(base);
    if (i > 0) {
      f.seance = { ...f.seance, id: newId(), date };
      // Records of their own, as each séance has (ids are unique across the register).
      const ids = new Map(f.deliberations.map((d) => [d.id, newId<'DeliberationId'>()]));
      f.deliberations = f.deliberations.map((d) => ({ ...d, id: ids.get(d.id)!, seanceId: f.seance.id }));
      f.votes = f.votes.map((v) => ({ ...v, deliberationId: ids.get(v.deliberationId)! }));
      delete f.publication;
      f.attendance = f.attendance.map((a) => ({ ...a, id: `${f.seance.id}:${a.memberId}`, seanceId: f.seance.id }));
    }
    const minutes = { kind: 'minutes' as const, id: f.seance.id };
    const d = f.deliberations[0]!;
    f.signatures = [
      await sign(f, minutes, minutesContent(f), keys.president, 'president'),
      await sign(f, minutes, minutesContent(f), keys.secretary, 'secretary'),
      await sign(f, { kind: 'deliberation', id: d.id }, extractContent(f, d.id), keys.president, 'president'),
    ];
    previous = await makeSeal(f.seance.id, minutesContent(f), previous, `${date}T20:00:00Z`, { organisationId: f.organisation.id, key: keys.seal });
    f.seal = { ...previous, organisationId: f.organisation.id, version: 1 };
    f.keys = keys.published;
    files.push(f);
  }
  return files;
}

/** What someone who edits the data does next: every hash recomputed, the signatures kept as they were. */
export async function rehash(files: SeanceFile[]): Promise<void> {
  let previous: Seal | undefined;
  for (const f of files) {
    for (const s of f.signatures) s.contentHash = await canonicalHash(extractContent(f, s.subject.id) ?? minutesContent(f));
    const old = f.seal!;
    previous = await makeSeal(f.seance.id, minutesContent(f), previous, old.sealedAt);
    f.seal = { ...old, ...previous, keyId: old.keyId!, signature: old.signature! };
  }
}
