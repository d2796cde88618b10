/** French messages of the document screens (merged into the catalog by ../fr.ts). */
export const documentsFr = {
  'docs.title': 'Documents',
  'docs.minutes': 'Procès-verbal (PDF)',
  'docs.list': 'Liste des délibérations (PDF)',
  'docs.register': 'Pages du registre (PDF)',
  'docs.extract': 'Extrait {number} (PDF)',
  'docs.openData': 'Données ouvertes (CSV et JSON)',
  'docs.seanceFile': 'Exporter le fichier de séance',
  'docs.import': 'Importer un fichier de séance',
  'docs.importRefused': 'Fichier refusé, rien n’a été importé : {reason}',
  'docs.working': 'Préparation de {name}…',
} as const;
