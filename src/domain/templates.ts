/*
 * Templates for common acts: a starting text the secretary then edits. A template never
 * overwrites what was typed: it fills the empty parts only (applyTemplate), so applying one by
 * mistake loses nothing.
 */

export interface DraftText {
  object: string;
  actesSubject: string;
  preamble: string;
  visas: string[];
  recitals: string[];
  articles: string[];
}

export interface TemplateArgs {
  /** "Somme Numérique": named in the visa of the statutes. */
  organisationName: string;
  /** Who signs: "Président" by default; "Présidente", "Maire"… */
  signatory?: string;
  /** What the convention is about, e.g. "relative à la mise en œuvre du projet ENT". */
  conventionSubject?: string;
  /** The other parties, e.g. "les communautés de communes du Vimeu Vert et du Val de Somme". */
  parties?: string;
}

export const templateIds = ['signConvention'] as const;
export type TemplateId = (typeof templateIds)[number];

const blank = (value: string | undefined, placeholder: string) => (value?.trim() ? value.trim() : placeholder);

/** "Autoriser le président à signer une convention": the most common act of a Bureau. */
export function signConventionTemplate(args: TemplateArgs): DraftText {
  const signatory = blank(args.signatory, 'Président');
  const subject = blank(args.conventionSubject, '[objet de la convention]');
  const parties = blank(args.parties, '[parties à la convention]');
  return {
    object: `Autorisation donnée au ${signatory} de signer une convention ${subject}`,
    // 1.4 "Autres types de contrats": a convention that is neither a marché nor a DSP.
    actesSubject: '1.4',
    preamble: `Il est proposé de conclure une convention ${subject} avec ${parties}, qui fixe les engagements de chacune des parties.`,
    visas: [
      'Vu le code général des collectivités territoriales',
      `Vu les statuts de ${blank(args.organisationName, "[l'organisation]")}`,
      'Vu le projet de convention',
    ],
    recitals: [`Considérant l'intérêt de conclure cette convention ${subject}`],
    articles: [
      `Le ${signatory} est autorisé à signer la convention ${subject} avec ${parties}, ainsi que tout document s'y rapportant.`,
      `Le ${signatory} est chargé de l'exécution de la présente délibération.`,
    ],
  };
}

export function templateText(id: TemplateId, args: TemplateArgs): DraftText {
  switch (id) {
    case 'signConvention':
      return signConventionTemplate(args);
  }
}

const isEmptyList = (list: readonly string[]) => list.every((line) => line.trim() === '');

/** The draft with each empty part filled from the template; typed text is kept as it is. */
export function applyTemplate(current: DraftText, template: DraftText): DraftText {
  return {
    object: current.object.trim() ? current.object : template.object,
    actesSubject: current.actesSubject || template.actesSubject,
    preamble: current.preamble.trim() ? current.preamble : template.preamble,
    visas: isEmptyList(current.visas) ? [...template.visas] : current.visas,
    recitals: isEmptyList(current.recitals) ? [...template.recitals] : current.recitals,
    articles: isEmptyList(current.articles) ? [...template.articles] : current.articles,
  };
}
