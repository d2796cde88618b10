// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { newId, type OrganisationId } from '../domain/ids';
import { membersInOffice } from '../domain/mandates';
import type { Organisation } from '../domain/schemas';
import {
  createBody, createMandate, createMember, endMandate, getBody, getMember, getOrganisation,
  listMandatesOfMember, listMandatesOfOrganisation, updateBody, updateMember, updateOrganisation,
} from './admin';
import { RegistreDb, db, useDatabase } from './db';
import { ValidationError } from './errors';
import { pendingMutations } from './outbox';

const orgId = newId<'OrganisationId'>();
const organisation: Organisation = {
  id: orgId as OrganisationId,
  name: 'Syndicat mixte de démonstration',
  kind: 'syndicat_mixte',
  addressLines: ['12, rue de la Mairie'],
  postalCode: '80000',
  city: 'AMIENS',
  phone: '03 00 00 00 00',
  fax: '',
  email: '',
  website: '',
  siret: '',
  openingHours: '',
  population: 0,
  publicationMode: 'electronique',
  version: 3,
  updatedAt: '',
};
const now = new Date('2025-03-01T10:00:00Z');

beforeEach(async () => {
  const fresh = new RegistreDb(`test-${Math.random()}`);
  useDatabase(fresh);
  await fresh.open();
  await fresh.organisations.add(organisation);
});

/** Expects a refused command: its field errors, and nothing written anywhere. */
async function refused(command: () => Promise<unknown>): Promise<Record<string, string>> {
  const before = await snapshotAll();
  const err = await command().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  expect(await snapshotAll()).toEqual(before);
  return (err as ValidationError).fieldErrors;
}

async function snapshotAll() {
  const d = db();
  return {
    organisations: await d.organisations.toArray(),
    bodies: await d.bodies.toArray(),
    members: await d.members.toArray(),
    mandates: await d.mandates.toArray(),
    outbox: await d.outbox.toArray(),
    meta: await d.meta.toArray(),
  };
}

async function bureauWithMember() {
  const bureau = await createBody({ organisationId: orgId, name: 'Bureau', verb: 'LE BUREAU' }, now);
  const member = await createMember({ organisationId: orgId, civility: 'Mme', firstName: 'Claire', lastName: 'DUMONT' }, now);
  return { bureau, member };
}

describe('updateOrganisation', () => {
  it('stores the changed fields with an outbox entry based on the record version', async () => {
    const saved = await updateOrganisation(
      orgId,
      { phone: '03 22 00 00 00', openingHours: 'Lundi au vendredi, 9h–12h', siret: '200 012 345 00018' },
      now,
    );
    expect(saved).toMatchObject({ siret: '20001234500018', version: 3, updatedAt: now.toISOString() });
    expect(await getOrganisation(orgId)).toEqual(saved);
    const outbox = await pendingMutations();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      mutationId: 1,
      name: 'organisation.update',
      recordId: orgId,
      baseVersion: 3,
      args: {
        phone: '03 22 00 00 00',
        openingHours: 'Lundi au vendredi, 9h–12h',
        siret: '20001234500018',
        updatedAt: now.toISOString(),
      },
    });
  });

  it('ignores identity and version fields in the patch', async () => {
    const saved = await updateOrganisation(orgId, { id: newId(), version: 99, name: 'Autre nom' }, now);
    expect(saved).toMatchObject({ id: orgId, version: 3, name: 'Autre nom' });
  });

  it('bases the edit on the version the user saw, so a field changed since is a conflict', async () => {
    await db().organisations.update(orgId as OrganisationId, { version: 5 }); // a pull came in meanwhile
    await updateOrganisation(orgId, { phone: '01 02 03 04 05' }, now, 3);
    expect((await pendingMutations())[0]).toMatchObject({ baseVersion: 3, table: 'organisations' });
  });

  it('writes no outbox entry when nothing changed', async () => {
    await updateOrganisation(orgId, { phone: organisation.phone }, now);
    expect(await pendingMutations()).toEqual([]);
  });

  it('refuses a SIRET of 13 digits or an empty name and writes nothing', async () => {
    expect(await refused(() => updateOrganisation(orgId, { siret: '2000123450001', phone: '01' }, now))).toEqual({
      siret: 'error.siret',
    });
    expect(await refused(() => updateOrganisation(orgId, { name: '   ' }, now))).toEqual({ name: 'error.required' });
    expect(await refused(() => updateOrganisation(orgId, { population: -1 }, now))).toHaveProperty('population');
  });

  it('refuses an unknown organisation', async () => {
    const err = await updateOrganisation(newId(), { phone: '01' }, now).catch((e: unknown) => e);
    expect(err).toMatchObject({ formError: 'admin.notFound' });
  });
});

describe('bodies', () => {
  it('creates then renames a body, each with its outbox entry', async () => {
    const body = await createBody({ organisationId: orgId, name: 'Comité syndical', verb: 'LE COMITÉ SYNDICAL' }, now);
    const renamed = await updateBody(body.id, { verb: 'LE COMITÉ' }, now);
    expect(await getBody(body.id)).toEqual(renamed);
    expect((await pendingMutations()).map((m) => [m.name, m.baseVersion, m.args])).toEqual([
      ['body.create', 0, body],
      ['body.update', 0, { verb: 'LE COMITÉ', updatedAt: now.toISOString() }],
    ]);
  });

  it('refuses an empty name or verb, or an unknown organisation', async () => {
    expect(await refused(() => createBody({ organisationId: orgId, name: '', verb: ' ' }, now))).toEqual({
      name: 'error.required',
      verb: 'error.required',
    });
    await refused(() => createBody({ organisationId: newId(), name: 'Bureau', verb: 'LE BUREAU' }, now));
    const body = await createBody({ organisationId: orgId, name: 'Bureau', verb: 'LE BUREAU' }, now);
    expect(await refused(() => updateBody(body.id, { name: '' }, now))).toEqual({ name: 'error.required' });
  });
});

describe('members', () => {
  it('creates and edits a member; an emptied birth date is removed', async () => {
    const m = await createMember(
      { organisationId: orgId, civility: 'M.', firstName: 'Hervé', lastName: 'LEROUX', birthDate: '1957-08-11' },
      now,
    );
    const edited = await updateMember(m.id, { birthDate: '', firstName: 'Hervé-Marie' }, now);
    expect(edited.birthDate).toBeUndefined();
    expect(await getMember(m.id)).toMatchObject({ firstName: 'Hervé-Marie', lastName: 'LEROUX' });
    expect((await pendingMutations()).map((x) => x.name)).toEqual(['member.create', 'member.update']);
  });

  it('refuses an empty last name or an impossible birth date and writes nothing', async () => {
    const draft = { organisationId: orgId, civility: 'Mme', firstName: 'Claire', lastName: '' };
    expect(await refused(() => createMember(draft, now))).toEqual({ lastName: 'error.required' });
    expect(await refused(() => createMember({ ...draft, lastName: 'DUMONT', birthDate: '1962-02-30' }, now))).toEqual({
      birthDate: 'error.date',
    });
  });
});

describe('mandates', () => {
  it('gives a mandate that counts among the members in office, then ends it', async () => {
    const { bureau, member } = await bureauWithMember();
    const mandate = await createMandate({ bodyId: bureau.id, memberId: member.id, role: 'member', start: '2020-07-15', end: '' }, now);
    expect(membersInOffice(await listMandatesOfOrganisation(orgId), bureau.id, '2025-03-01')).toEqual([member.id]);

    const ended = await endMandate(mandate.id, '2024-12-31', now);
    expect(ended).toMatchObject({ end: '2024-12-31', updatedAt: now.toISOString() });
    expect(await listMandatesOfMember(member.id)).toEqual([ended]);
    expect(membersInOffice([ended], bureau.id, '2024-12-31')).toEqual([member.id]);
    expect(membersInOffice([ended], bureau.id, '2025-01-01')).toEqual([]);
    expect((await pendingMutations()).slice(-2).map((m) => [m.name, m.args])).toEqual([
      ['mandate.create', mandate],
      ['mandate.end', { end: '2024-12-31', updatedAt: now.toISOString() }],
    ]);
  });

  it('refuses an end before the start and writes nothing', async () => {
    const { bureau, member } = await bureauWithMember();
    const draft = { bodyId: bureau.id, memberId: member.id, role: 'member', start: '2020-07-15' };
    expect(await refused(() => createMandate({ ...draft, end: '2020-07-14' }, now))).toEqual({ end: 'admin.mandateEndBeforeStart' });
    const mandate = await createMandate(draft, now);
    expect(await refused(() => endMandate(mandate.id, '2019-01-01', now))).toEqual({ end: 'admin.mandateEndBeforeStart' });
    expect(await refused(() => endMandate(mandate.id, '2021-02-30', now))).toEqual({ end: 'error.date' });
  });

  it('refuses two overlapping mandates of one member in a body, but allows a succession', async () => {
    const { bureau, member } = await bureauWithMember();
    const first = await createMandate({ bodyId: bureau.id, memberId: member.id, role: 'member', start: '2020-07-15' }, now);
    const draft = { bodyId: bureau.id, memberId: member.id, role: 'president', start: '2023-01-10' };
    expect(await refused(() => createMandate(draft, now))).toEqual({ start: 'admin.mandateOverlap' });
    await endMandate(first.id, '2023-01-10', now);
    await createMandate(draft, now);
    expect(await refused(() => endMandate(first.id, '2023-06-01', now))).toEqual({ end: 'admin.mandateOverlap' });
    expect(membersInOffice(await listMandatesOfOrganisation(orgId), bureau.id, '2024-01-01')).toEqual([member.id]);
  });

  it('requires a suppléant to sit for a titular member of the body', async () => {
    const { bureau, member: titular } = await bureauWithMember();
    await createMandate({ bodyId: bureau.id, memberId: titular.id, role: 'member', start: '2020-07-15' }, now);
    const other = await createMember({ organisationId: orgId, civility: 'M.', firstName: 'Pascal', lastName: 'MOREAU' }, now);
    const draft = { bodyId: bureau.id, memberId: other.id, role: 'substitute', start: '2020-07-15' };
    expect(await refused(() => createMandate(draft, now))).toEqual({ substituteFor: 'admin.substituteForRequired' });
    expect(await refused(() => createMandate({ ...draft, substituteFor: other.id }, now))).toEqual({
      substituteFor: 'admin.substituteForSelf',
    });
    const third = await createMember({ organisationId: orgId, civility: 'Mme', firstName: 'Nadia', lastName: 'BENALI' }, now);
    expect(await refused(() => createMandate({ ...draft, substituteFor: third.id }, now))).toEqual({
      substituteFor: 'admin.substituteForNotTitular',
    });
    const sub = await createMandate({ ...draft, substituteFor: titular.id }, now);
    expect(sub.substituteFor).toBe(titular.id);
    // A suppléant is not a member in office: the quorum base counts titular seats only.
    expect(membersInOffice(await listMandatesOfOrganisation(orgId), bureau.id, '2025-01-01')).toEqual([titular.id]);
  });

  it('drops a titular member choice from a non-suppléant mandate', async () => {
    const { bureau, member } = await bureauWithMember();
    const m = await createMandate({ bodyId: bureau.id, memberId: member.id, role: 'member', start: '2020-07-15', substituteFor: newId() }, now);
    expect(m.substituteFor).toBeUndefined();
  });

  it('refuses a missing role or start date, or an unknown body', async () => {
    const { bureau, member } = await bureauWithMember();
    expect(await refused(() => createMandate({ bodyId: bureau.id, memberId: member.id, role: '', start: '' }, now))).toMatchObject({
      role: 'error.required',
      start: 'error.date',
    });
    await refused(() => createMandate({ bodyId: newId(), memberId: member.id, role: 'member', start: '2020-07-15' }, now));
  });
});
