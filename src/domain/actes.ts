/**
 * The ACTES "nomenclature nationale" of matières, levels 1 and 2 (9 + 57 = 66 codes), as the
 * préfecture's @CTES classification file labels them (reference/actes-matieres.csv and its
 * SOURCES). Labels are copied exactly, unaccented spelling and typos included ("pourvoirs de
 * police"): they are what @CTES and the SCDL open-data files expect, so they are not "corrected".
 * Search therefore ignores accents and case, so that "intercommunalité" finds "Intercommunalite".
 */

export interface ActesSubject {
  /** "5" (level 1) or "5.7" (level 2). */
  code: string;
  label: string;
  /** The level-1 code: "5" for "5.7", itself for a level-1 code. */
  parent: string;
}

// Numeric code order, as in the CSV (7.10 after 7.9).
const ROWS: readonly (readonly [string, string])[] = [
  ['1', 'Commande Publique'],
  ['1.1', 'Marchés publics'],
  ['1.2', 'Délégation de service public'],
  ['1.3', 'Conventions de Mandat'],
  ['1.4', 'Autres types de contrats'],
  ['1.5', 'Transactions /protocole d accord transactionnel'],
  ['1.6', "Actes relatifs à la maîtrise d'oeuvre"],
  ['1.7', 'Actes speciaux et divers'],
  ['2', 'Urbanisme'],
  ['2.1', 'Documents d urbanisme'],
  ['2.2', 'Actes relatifs au droit d occupation ou d utilisation des sols'],
  ['2.3', 'Droit de preemption urbain'],
  ['3', 'Domaine et patrimoine'],
  ['3.1', 'Acquisitions'],
  ['3.2', 'Alienations'],
  ['3.3', 'Locations'],
  ['3.4', 'Limites territoriales'],
  ['3.5', 'Autres actes de gestion du domaine public'],
  ['3.6', 'Autres actes de gestion du domaine prive'],
  ['4', 'Fonction publique'],
  ['4.1', 'Personnel titulaires et stagiaires de la F.P.T.'],
  ['4.2', 'Personnel contractuel'],
  ['4.3', 'Fonction publique hospitaliere'],
  ['4.4', 'Autres categories de personnels'],
  ['4.5', 'Regime indemnitaire'],
  ['5', 'Institutions et vie politique'],
  ['5.1', 'Election executif'],
  ['5.2', 'Fonctionnement des assemblees'],
  ['5.3', 'Designation de representants'],
  ['5.4', 'Delegation de fonctions'],
  ['5.5', 'Delegation de signature'],
  ['5.6', 'Exercice des mandats locaux'],
  ['5.7', 'Intercommunalite'],
  ['5.8', 'Decision d ester en justice'],
  ['6', 'Libertés publiques et pourvoirs de police'],
  ['6.1', 'Police municipale'],
  ['6.2', 'Pouvoir du president du conseil general'],
  ['6.3', 'Pouvoir du president du conseil regional'],
  ['6.4', 'Autres actes reglementaires'],
  ['6.5', 'Actes pris au nom de l Etat et soumis au controle hierarchique'],
  ['7', 'Finances locales'],
  ['7.1', 'Decisions budgetaires'],
  ['7.2', 'Fiscalité'],
  ['7.3', 'Emprunts'],
  ['7.4', 'Interventions economiques'],
  ['7.5', 'Subventions'],
  ['7.6', 'Contributions budgetaires'],
  ['7.7', 'Avances'],
  ['7.8', 'Fonds de concours'],
  ['7.9', 'Prise de participation (SEM, etc...)'],
  ['7.10', 'Divers'],
  ['8', 'Domaines de competences par themes'],
  ['8.1', 'Enseignement'],
  ['8.2', 'Aide sociale'],
  ['8.3', 'Voirie'],
  ['8.4', 'Amenagement du territoire'],
  ['8.5', 'Politique de la ville-habitat-logement'],
  ['8.6', 'Emploi-formation professionnelle'],
  ['8.7', 'Transports'],
  ['8.8', 'Environnement'],
  ['8.9', 'Culture'],
  ['9', 'Autres domaines de competences'],
  ['9.1', 'Autres domaines de competences des communes'],
  ['9.2', 'Autres domaines de competences des departements'],
  ['9.3', 'Autres domaines de competences des regions'],
  ['9.4', 'Voeux et motions'],
];

export const ACTES_SUBJECTS: readonly ActesSubject[] = ROWS.map(([code, label]) => ({
  code,
  label,
  parent: code.split('.')[0] ?? code,
}));

const byCode = new Map(ACTES_SUBJECTS.map((s) => [s.code, s]));

/** The matière with that code, or undefined (local codes of levels 3–5 are not in the national list). */
export function actesSubject(code: string): ActesSubject | undefined {
  return byCode.get(code);
}

/** "5.7 Intercommunalite", or the code alone when it is not in the national list. */
export function actesLabel(code: string): string {
  const subject = byCode.get(code);
  return subject ? `${subject.code} ${subject.label}` : code;
}

/** Lower case, no accents, apostrophes and punctuation as spaces: "d'oeuvre" and "d oeuvre" match. */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .trim();
}

const CODE_QUERY = /^\d+(\.\d*)*$/;

/**
 * Matières matching a query typed by the secretary, best first, at most `limit`:
 * - a code ("5.7", "5.", "7.1") matches that code first, then the codes under it ("7.1" → 7.10);
 * - words match labels whatever the accents and case, every word must appear (in any order);
 *   a word found in the level-1 label also matches its level-2 codes ("finances" → 7.x), after
 *   the codes whose own label matches.
 * An empty query returns the first `limit` codes in order.
 */
export function searchActes(query: string, limit = 12): ActesSubject[] {
  const q = normalizeForSearch(query);
  if (q === '') return ACTES_SUBJECTS.slice(0, limit);
  if (CODE_QUERY.test(q)) {
    const code = q.replace(/\.$/, '');
    const exact = ACTES_SUBJECTS.filter((s) => s.code === code);
    const under = ACTES_SUBJECTS.filter((s) => s.code !== code && (s.code.startsWith(`${code}.`) || s.code.startsWith(code)));
    return [...exact, ...under].slice(0, limit);
  }
  const words = q.split(' ').filter((w) => w !== '' && w !== '.');
  const scored: { subject: ActesSubject; score: number; index: number }[] = [];
  ACTES_SUBJECTS.forEach((subject, index) => {
    const own = normalizeForSearch(subject.label);
    const parentLabel = subject.parent === subject.code ? '' : normalizeForSearch(byCode.get(subject.parent)?.label ?? '');
    if (words.every((w) => own.includes(w))) {
      // A label that starts with the first word ranks before one that only contains it.
      scored.push({ subject, score: own.startsWith(words[0] ?? '') ? 0 : 1, index });
    } else if (words.every((w) => own.includes(w) || parentLabel.includes(w))) {
      scored.push({ subject, score: 2, index });
    }
  });
  return scored
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((s) => s.subject);
}
