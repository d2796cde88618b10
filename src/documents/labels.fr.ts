/*
 * The wording of the legal documents. Documents are French legal texts whatever the language of
 * the interface, so their words live here rather than in the UI catalog (src/i18n). The wording
 * and the order follow the reference extract (reference/extrait-registre-20111107_DL_04.txt);
 * capitals carry their accents ("DÉLIBÈRE"), which the 2011 document left out.
 */
import type { Organisation } from '../domain/schemas';

export const L = {
  extractTitle: 'EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS',
  phone: 'Tél.',
  fax: 'Fax',
  object: 'OBJET :',
  convocationDate: 'Date de convocation :',
  seanceDate: 'Date de séance :',
  displayDate: 'Date d\'affichage :',
  publicationDate: 'Date de publication :',
  inOffice: 'Membres en exercice :',
  present: 'Membres présents :',
  voters: 'Membres votants :',
  absents: 'ABSENTS :',
  represented: 'REPRÉSENTÉS :',
  none: 'néant',
  notVoted: 'Vote non enregistré',
  /** A blank a clerk fills by hand on paper. */
  blank: '……………………',
  presentOne: 'Était présent :',
  presentOneF: 'Était présente :',
  presentMany: 'Étaient présents :',
  representedLine: 'Étaient représentés :',
  representedBy: 'pouvoir à',
  withdrawnOne: 'Ne prend pas part au vote :',
  withdrawnMany: 'Ne prennent pas part au vote :',
  secretary: 'Secrétaire de séance :',
  secretaries: 'Secrétaires de séance :',
  rapporteur: 'Rapporteur :',
  deliberates: 'DÉLIBÈRE',
  article: (n: number) => `ARTICLE ${n} –`,
  certified: 'Pour extrait conforme,',
  madeAt: (city: string, date: string) => (city ? `Fait à ${city}, le ${date}` : `Fait le ${date}`),
  enforceable: 'Certifié exécutoire compte tenu',
  ofDisplay: (date: string) => `de l'affichage le ${date}`,
  ofPublication: (date: string) => `de la publication le ${date}`,
  ofTransmission: (date: string) => `de la transmission en préfecture le ${date}`,
  signedOn: (date: string, hash: string) => `Signé électroniquement le ${date} (empreinte ${hash})`,
  toSign: 'Signature',
  listTitle: 'LISTE DES DÉLIBÉRATIONS',
  listLegal: 'Article L2121-25 du code général des collectivités territoriales',
  listSeance: (body: string, date: string) => `Séance du ${body} du ${date}`,
  listPosted: (date: string) => `Liste affichée le ${date}`,
  listPublished: (date: string) => `Liste publiée le ${date}`,
  listColumns: { number: 'N°', object: 'Objet', result: 'Décision' },
  listEmpty: 'Aucune délibération.',
  pvTitle: (ofBody: string, date: string) => `PROCÈS-VERBAL DE LA SÉANCE ${ofBody.toUpperCase()} DU ${date.toUpperCase()}`,
  pvLegal: 'Article L2121-15 du code général des collectivités territoriales',
  pvInOffice: 'Membres en exercice :',
  pvPresent: 'Présents :',
  pvRepresented: 'Représentés :',
  pvExcused: 'Absents excusés :',
  pvAbsent: 'Absents :',
  quorumReached: (present: number, inOffice: number, required: number) =>
    `Le quorum est atteint : ${present} membres présents sur ${inOffice} en exercice (${required} requis).`,
  quorumMissing: (present: number, inOffice: number, required: number) =>
    `Le quorum n'est pas atteint : ${present} membres présents sur ${inOffice} en exercice (${required} requis).`,
  quorumWaived: 'Séance tenue sans condition de quorum, après une première convocation restée sans quorum (article L2121-17).',
  agenda: 'ORDRE DU JOUR',
  item: (n: number) => `Point n° ${n}`,
  matiere: 'Matière :',
  itemCounts: (present: number, represented: number, voters: number) =>
    `Présents : ${present} – Représentés : ${represented} – Votants : ${voters}`,
  debates: 'Teneur des débats :',
  voteMode: { showOfHands: 'Vote à main levée', rollCall: 'Scrutin public', secretBallot: 'Scrutin secret', none: 'Sans vote', appointment: 'Désignation au scrutin secret' },
  // Appointments by secret ballot (L2121-21, L2122-7): each round, then who is elected.
  appointmentHeading: (office: string) => `Désignation au scrutin secret : ${office}`,
  appointmentRound: (ordinal: string) => `${ordinal} tour de scrutin`,
  appointmentCounts: (voters: number, blank: number, invalid: number, cast: number) =>
    `Nombre de votants : ${voters} – Bulletins blancs : ${blank} – Bulletins nuls : ${invalid} – Suffrages exprimés : ${cast}`,
  appointmentMajority: (majority: number) => `Majorité absolue : ${majority}`,
  appointmentObtained: (list: string[]) => `Ont obtenu : ${list.join(' ; ')}.`,
  appointmentVotes: (name: string, votes: number) => `${name} : ${votes} voix`,
  appointmentElected: (name: string, feminine: boolean, office: string, how: 'absolute' | 'relative' | 'age') => {
    const e = feminine ? 'e' : '';
    if (how === 'age') return `${name}, à égalité de voix, est proclamé${e} élu${e} au bénéfice de l'âge : ${office}.`;
    return `${name}, ayant obtenu la majorité ${how === 'absolute' ? 'absolue' : 'relative'}, est proclamé${e} élu${e} : ${office}.`;
  },
  appointmentNextRound: (ordinal: string) =>
    `Aucun candidat n'ayant obtenu la majorité absolue, il est procédé à un ${ordinal} tour de scrutin.`,
  appointmentUndecided:
    'Les candidats arrivés en tête ont obtenu le même nombre de voix et leur âge ne permet pas de les départager : aucun candidat n\'est proclamé élu.',
  voteCounts: (yes: number, no: number, abstain: number, notVoting: number) =>
    `Pour : ${yes} – Contre : ${no} – Abstentions : ${abstain}${notVoting > 0 ? ` – Ne prennent pas part au vote : ${notVoting}` : ''}`,
  secretExtra: (blank: number, invalid: number) => `Bulletins blancs : ${blank} – Bulletins nuls : ${invalid}`,
  votedFor: 'Ont voté pour :',
  votedAgainst: 'Ont voté contre :',
  abstained: 'Se sont abstenus :',
  tookNoPart: 'N\'ont pas pris part au vote :',
  proxyOf: (giver: string) => `pour ${giver}`,
  closing: 'L\'ordre du jour étant épuisé, la séance est levée.',
  theSecretary: (f: boolean) => (f ? 'La secrétaire de séance,' : 'Le secrétaire de séance,'),
  registerHead: (org: string, ofBody: string, date: string) => `${org} – Registre des délibérations – Séance ${ofBody} du ${date}`,
  deliberationHeading: (n: number, number: string | undefined) => (number ? `Délibération n° ${n} – ${number}` : `Point n° ${n}`),
  closingSheet: 'FEUILLET DE CLÔTURE',
  closingNumbers: 'Délibérations de la séance (numéro d\'ordre – numéro d\'acte) :',
  closingMembers: 'Membres présents',
  closingColumns: { name: 'Nom', capacity: 'Qualité', signature: 'Signature' },
  tableByDate: 'TABLE CHRONOLOGIQUE DES DÉLIBÉRATIONS',
  tableBySubject: 'TABLE DES DÉLIBÉRATIONS PAR MATIÈRE',
  tableColumns: { date: 'Date', number: 'N°', object: 'Objet', subject: 'Matière' },
  noSubject: 'Sans matière',
  adopted: 'Adoptée',
  rejected: 'Rejetée',
  noted: 'Prend acte',
} as const;

/** "Président", "Vice-présidente", "Membre": the role of a mandate, as a capacity. */
export function roleLabel(role: 'president' | 'vice_president' | 'member' | 'substitute', civility: 'M.' | 'Mme'): string {
  const f = civility === 'Mme';
  switch (role) {
    case 'president':
      return f ? 'Présidente' : 'Président';
    case 'vice_president':
      return f ? 'Vice-présidente' : 'Vice-président';
    case 'member':
      return 'Membre';
    case 'substitute':
      return f ? 'Suppléante' : 'Suppléant';
  }
}

/** "Jours et heures d'ouverture du syndicat mixte :" — who is open depends on the organisation. */
export function openingHoursHeading(kind: Organisation['kind']): string {
  const who: Record<Organisation['kind'], string> = {
    commune: 'de la mairie',
    epci: 'de la communauté',
    syndicat_mixte: 'du syndicat mixte',
    departement: 'du département',
    region: 'de la région',
    autre: 'des services',
  };
  return `Jours et heures d'ouverture ${who[kind]} :`;
}

/** "Le Président", "La Présidente", "Le Maire": the capacity in which the president signs. */
export function presidentCapacity(kind: Organisation['kind'], civility: 'M.' | 'Mme', role: 'president' | 'vice_president' | 'member' | 'substitute'): string {
  const f = civility === 'Mme';
  if (role === 'vice_president') return f ? 'La Vice-Présidente' : 'Le Vice-Président';
  if (role !== 'president') return f ? 'La Présidente de séance' : 'Le Président de séance';
  if (kind === 'commune') return f ? 'La Maire' : 'Le Maire';
  return f ? 'La Présidente' : 'Le Président';
}

/** The wording of a convention and of its signature page (documents/convention.ts). */
export const LC = {
  title: 'CONVENTION',
  between: 'Entre les soussignés :',
  /** "Somme Numérique, en la personne de Jean-François VASSEUR, Président" — no agreement to make. */
  inThePersonOf: 'en la personne de',
  authorised: (number: string | undefined, org: string, date: string, object: string) =>
    `La présente convention est conclue en application de la délibération${number ? ` n° ${number}` : ''} de ${org} du ${date}${
      object ? ` (« ${object} »)` : ''}, qui en autorise la signature.`,
  agreed: 'Il a été convenu ce qui suit :',
  attached: (fileName: string) => `Le texte de la présente convention est celui du document joint « ${fileName} », reproduit à la suite.`,
  attachedHash: (sha256: string) => `Empreinte SHA-256 du document joint : ${sha256}`,
  signaturePage: 'Page des signatures',
  signaturePageOf: (title: string) => `Convention : ${title}`,
  signaturePageLegal:
    'Chaque partie signe par une signature électronique tracée sur un appareil identifié par sa clé ; l’empreinte SHA-256 est celle du contenu signé de la convention.',
  forParty: (org: string) => `Pour ${org},`,
  signedOn: (when: string, hash: string) => `Signé électroniquement le ${when} (empreinte ${hash})`,
  pending: 'En attente de signature',
  status: (signed: number, total: number) =>
    signed === total ? `Signée par les ${total} parties.` : `Signée par ${signed} partie${signed > 1 ? 's' : ''} sur ${total}.`,
  columns: {
    party: 'Partie',
    signatory: 'Signataire, qualité',
    signedAt: 'Signé le (heure de Paris)',
    hash: 'Empreinte SHA-256',
    key: 'Clé de l’appareil',
  },
  none: '—',
  at: 'à',
} as const;
