/**
 * The whole French catalog, for code that runs apart from the screens' loading (documents,
 * séance files, the server): it imports both parts itself.
 */
import { frCore } from '../fr';
import { frScreens } from './screens';

export const fr = { ...frCore, ...frScreens } as const;
