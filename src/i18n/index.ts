import { frCore, type Catalog, type MessageKey } from './fr';

export type { MessageKey };

/*
 * The catalog in use: the shell's messages from the start, the screens' once loadMessages() has
 * run (the router awaits it before any feature screen; the server and the tests add them at
 * start). A key not loaded yet is shown as it is, like an unknown one.
 */
let current: Partial<Catalog> = { ...frCore };
let screens: Promise<void> | undefined;

/** Adds messages to the catalog in use (the screens' part, on the server and in tests). */
export function addMessages(messages: Partial<Catalog>): void {
  Object.assign(current, messages);
}

/** Loads the screens' messages, once; a failed load is tried again at the next call. */
export function loadMessages(): Promise<void> {
  screens ??= import('./fr/screens').then(
    ({ frScreens }) => addMessages(frScreens),
    (e: unknown) => {
      screens = undefined;
      throw e;
    },
  );
  return screens;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in current;
}

/** Translates a key, filling {placeholders}. Unknown keys (e.g. a raw error) are shown as they are. */
export function t(key: MessageKey | string, params?: Record<string, string | number>): string {
  const template = isMessageKey(key) ? current[key]! : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
