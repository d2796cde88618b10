/**
 * French catalog: the default language. Keys are stable identifiers used by the UI, the
 * domain's validation errors and the API; another language is another file of the same shape.
 * Messages are ICU MessageFormat (docs/decisions/008-icu-messages.md): `{name}`, and plurals and
 * genders in the message, `{count, plural, one {# modification} other {# modifications}}`,
 * `{gender, select, female {Présidente} male {Président} other {Président(e)}}` (../gender.ts).
 * Each feature keeps its messages in fr/<feature>.ts.
 *
 * Two parts: `frCore` here, what the shell (layout, home page, sync badge) shows, loaded with
 * the first screen; `frScreens` (fr/screens.ts), the screens' messages, loaded before any screen
 * of a feature renders (i18n/index.ts loadMessages), so that they stay out of the first load.
 */
import { documentsFr } from './fr/documents';
import type { frScreens } from './fr/screens';
import { syncFr } from './fr/sync';

export const frCore = {
  'nav.conventions': 'Conventions',
  // Thrown by the local database's guard (store/sealGuard.ts), which the shell loads.
  'sealGuard.refused': 'Séance scellée : cette modification est refusée.',
  'app.name': 'Registre',
  'app.skipToContent': 'Aller au contenu',
  'nav.home': 'Séances',
  'nav.review': 'À signer',
  'nav.admin': 'Administration',
  'nav.main': 'Navigation principale',
  'status.online': 'En ligne',
  'status.offline': 'Hors ligne',
  'status.connection': 'Connexion : {state}',
  'status.pending': '{count, plural, one {# modification en attente} other {# modifications en attente}}',
  'status.loading': 'Chargement…',
  'update.available': 'Une nouvelle version de Registre est disponible.',
  'update.apply': 'Mettre à jour',
  'update.later': 'Plus tard',
  'update.blockedByForm': 'Terminez ou annulez la saisie en cours pour mettre à jour.',
  'offline.ready': 'Registre fonctionne désormais sans réseau.',
  'home.title': 'Séances',
  'home.empty': 'Aucune séance pour le moment.',
  'home.newSeance': 'Nouvelle séance',
  'home.tableCaption': 'Séances de l’organisation, de la plus récente à la plus ancienne',
  'seance.body': 'Instance',
  'seance.date': 'Date de la séance',
  'seance.place': 'Lieu',
  'seance.status': 'Statut',
  'seance.back': 'Retour aux séances',
  'seanceStatus.draft': 'Brouillon',
  'seanceStatus.convened': 'Convoquée',
  'seanceStatus.in_progress': 'En cours',
  'seanceStatus.closed': 'Close',
  'seanceStatus.signed': 'Signée',
  'seanceStatus.published': 'Publiée',
  'error.invalid': 'Valeur invalide.',
  'error.unknown': 'Une erreur inattendue est survenue : {reason}',
  'error.unknownCode': 'Une erreur inattendue est survenue (code « {code} »).',
  'api.notFound': 'Ressource introuvable.',
  'api.badRequest': 'Requête invalide.',
  'sync.invalid': 'Modification refusée par le serveur : données invalides.',
  ...syncFr,
  ...documentsFr,
} as const;

/** Both parts, as the source writes them: the types of ../index.ts read keys and values from it. */
export type Messages = typeof frCore & typeof frScreens;
