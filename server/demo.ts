import { newId } from '../src/domain/ids';
import type { BodyId, MandateId, MemberId, OrganisationId } from '../src/domain/ids';
import type { Body, Mandate, Member, Organisation } from '../src/domain/schemas';

export interface OrganisationSnapshot {
  organisation: Organisation;
  bodies: Body[];
  members: Member[];
  mandates: Mandate[];
}

// Fictional people: any resemblance to real elected members is accidental.
const PEOPLE: [Member['civility'], string, string, string][] = [
  ['Mme', 'Claire', 'DUMONT', '1962-03-14'],
  ['M.', 'Bernard', 'LEFEBVRE', '1955-07-02'],
  ['Mme', 'Sophie', 'MARCHAND', '1971-11-23'],
  ['M.', 'Thierry', 'GARNIER', '1968-01-30'],
  ['Mme', 'Nadia', 'BENALI', '1980-05-09'],
  ['M.', 'Olivier', 'FONTAINE', '1959-09-17'],
  ['Mme', 'Isabelle', 'ROUSSEL', '1966-12-04'],
  ['M.', 'Pascal', 'MOREAU', '1974-02-26'],
  ['M.', 'Hervé', 'LEROUX', '1957-08-11'],
];

/** The organisation a new installation starts with, so there is something to try at once. */
export function demoSnapshot(): OrganisationSnapshot {
  const orgId = newId<'OrganisationId'>() as OrganisationId;
  const meta = { version: 0, updatedAt: '' };
  const organisation: Organisation = {
    id: orgId,
    name: 'Syndicat mixte de démonstration',
    kind: 'syndicat_mixte',
    addressLines: ['12, rue de la Mairie'],
    postalCode: '80000',
    city: 'AMIENS',
    phone: '03 00 00 00 00',
    fax: '',
    email: 'contact@syndicat-demo.example',
    website: 'www.syndicat-demo.example',
    siret: '',
    openingHours: 'Du lundi au vendredi de 9h00 à 12h30 et de 14h00 à 17h30',
    population: 0,
    publicationMode: 'electronique',
    ...meta,
  };
  const bureau: Body = { id: newId<'BodyId'>() as BodyId, organisationId: orgId, name: 'Bureau', verb: 'LE BUREAU', ...meta };
  const comite: Body = {
    id: newId<'BodyId'>() as BodyId,
    organisationId: orgId,
    name: 'Comité syndical',
    verb: 'LE COMITÉ SYNDICAL',
    ...meta,
  };
  const members: Member[] = PEOPLE.map(([civility, firstName, lastName, birthDate]) => ({
    id: newId<'MemberId'>() as MemberId,
    organisationId: orgId,
    civility,
    firstName,
    lastName,
    birthDate,
    ...meta,
  }));
  const mandates: Mandate[] = members.flatMap((m, i) => {
    const role: Mandate['role'] = i === 0 ? 'president' : i < 3 ? 'vice_president' : 'member';
    return [bureau, comite].map((b) => ({
      id: newId<'MandateId'>() as MandateId,
      bodyId: b.id,
      memberId: m.id,
      role,
      // Early enough to cover the reference séance of 7 November 2011 used in the tests.
      start: '2008-03-21',
      ...meta,
    }));
  });
  return { organisation, bodies: [bureau, comite], members, mandates };
}
