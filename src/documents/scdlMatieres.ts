/*
 * Matière names as the SCDL "Délibérations" schema wants them in DELIB_MATIERE_NOM (v2.1.2):
 * "the level-1 label followed by the level-2 label of the ACTES nomenclature, in accented lower
 * case, without commas or parentheses, separated by a slash", e.g. "domaines de compétences par
 * thèmes/aménagement du territoire".
 *
 * The @CTES labels (src/domain/actes.ts) are unaccented; these are the same words with their
 * accents and apostrophes back, and the one typo fixed ("pourvoirs" → "pouvoirs" in 6). A test
 * checks that each differs from its @CTES label only in accents, case and punctuation.
 */

export const SCDL_MATIERES: Readonly<Record<string, string>> = {
  '1': 'commande publique',
  '1.1': 'marchés publics',
  '1.2': 'délégation de service public',
  '1.3': 'conventions de mandat',
  '1.4': 'autres types de contrats',
  '1.5': 'transactions protocole d\'accord transactionnel',
  '1.6': 'actes relatifs à la maîtrise d\'œuvre',
  '1.7': 'actes spéciaux et divers',
  '2': 'urbanisme',
  '2.1': 'documents d\'urbanisme',
  '2.2': 'actes relatifs au droit d\'occupation ou d\'utilisation des sols',
  '2.3': 'droit de préemption urbain',
  '3': 'domaine et patrimoine',
  '3.1': 'acquisitions',
  '3.2': 'aliénations',
  '3.3': 'locations',
  '3.4': 'limites territoriales',
  '3.5': 'autres actes de gestion du domaine public',
  '3.6': 'autres actes de gestion du domaine privé',
  '4': 'fonction publique',
  '4.1': 'personnel titulaires et stagiaires de la f.p.t.',
  '4.2': 'personnel contractuel',
  '4.3': 'fonction publique hospitalière',
  '4.4': 'autres catégories de personnels',
  '4.5': 'régime indemnitaire',
  '5': 'institutions et vie politique',
  '5.1': 'élection exécutif',
  '5.2': 'fonctionnement des assemblées',
  '5.3': 'désignation de représentants',
  '5.4': 'délégation de fonctions',
  '5.5': 'délégation de signature',
  '5.6': 'exercice des mandats locaux',
  '5.7': 'intercommunalité',
  '5.8': 'décision d\'ester en justice',
  '6': 'libertés publiques et pouvoirs de police',
  '6.1': 'police municipale',
  '6.2': 'pouvoir du président du conseil général',
  '6.3': 'pouvoir du président du conseil régional',
  '6.4': 'autres actes réglementaires',
  '6.5': 'actes pris au nom de l\'état et soumis au contrôle hiérarchique',
  '7': 'finances locales',
  '7.1': 'décisions budgétaires',
  '7.2': 'fiscalité',
  '7.3': 'emprunts',
  '7.4': 'interventions économiques',
  '7.5': 'subventions',
  '7.6': 'contributions budgétaires',
  '7.7': 'avances',
  '7.8': 'fonds de concours',
  '7.9': 'prise de participation sem etc...',
  '7.10': 'divers',
  '8': 'domaines de compétences par thèmes',
  '8.1': 'enseignement',
  '8.2': 'aide sociale',
  '8.3': 'voirie',
  '8.4': 'aménagement du territoire',
  '8.5': 'politique de la ville-habitat-logement',
  '8.6': 'emploi-formation professionnelle',
  '8.7': 'transports',
  '8.8': 'environnement',
  '8.9': 'culture',
  '9': 'autres domaines de compétences',
  '9.1': 'autres domaines de compétences des communes',
  '9.2': 'autres domaines de compétences des départements',
  '9.3': 'autres domaines de compétences des régions',
  '9.4': 'vœux et motions',
};

/**
 * SCDL DELIB_MATIERE_CODE and DELIB_MATIERE_NOM for an ACTES code: the code cut to level 2
 * (the schema's pattern is N.N), "niveau 1/niveau 2". A level-1 code alone, or a code outside
 * the national list, gives the code with an empty name.
 */
export function scdlMatiere(code: string): { code: string; name: string } {
  const level2 = /^(\d)\.(\d{1,2})/.exec(code);
  if (!level2) return { code, name: '' };
  const short = `${level2[1]}.${level2[2]}`;
  const parent = SCDL_MATIERES[level2[1] as string];
  const own = SCDL_MATIERES[short];
  return parent && own ? { code: short, name: `${parent}/${own}` } : { code: short, name: '' };
}
