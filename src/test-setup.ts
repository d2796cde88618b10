// IndexedDB for store tests: fake-indexeddb implements the spec in memory.
import 'fake-indexeddb/auto';

// The whole French catalog, as a screen sees it once loaded (i18n/index.ts loadMessages).
import { addMessages } from './i18n';
import { frScreens } from './i18n/fr/screens';

addMessages(frScreens);
