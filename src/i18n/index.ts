import { frCore, type Messages } from './fr';
import { formatMessage, type CompiledMessage, type MessageValues } from './format';
import type { MessageParams } from './params';

/** A key of the French catalog (both parts). */
export type MessageKey = keyof Messages;

/** What `t(key, …)` takes after the key: nothing, or the values the message names, typed. */
export type MessageArgs<K extends MessageKey> = [keyof MessageParams<Messages[K]>] extends [never] ? [] : [values: MessageParams<Messages[K]>];

/*
 * The catalog in use: the shell's messages from the start, the screens' once loadMessages() has
 * run (the router awaits it before any feature screen; the server and the tests add them at
 * start). A key not loaded yet is shown as it is.
 */
const current: Partial<Record<MessageKey, CompiledMessage>> = { ...frCore };
let screens: Promise<void> | undefined;

/** Adds messages to the catalog in use (the screens' part, on the server and in tests). */
export function addMessages(messages: Partial<Record<MessageKey, CompiledMessage>>): void {
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

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(current, key);
}

/** The French text of a key of the catalog, with the values its ICU message names (plural, select…). */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  const message = current[key];
  return message === undefined ? key : formatMessage(message, args[0] as MessageValues | undefined);
}

/** A code that looks like a key of the catalog (`files.quota`), as opposed to a sentence. */
const CODE = /^[a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+$/;

/**
 * The French text of a code that comes from elsewhere than the code's own literals: a refusal of
 * the server, a validation error of the domain, a value kept in a form's state. A code the catalog
 * does not know gets a message that names it; a sentence (a message already in French) is shown
 * as it is.
 */
export function tCode(code: string, values?: MessageValues): string {
  if (isMessageKey(code)) {
    try {
      return formatMessage(current[code]!, values);
    } catch {
      // The message names a value the sender did not give: say what went wrong without it.
    }
  }
  return CODE.test(code) ? t('error.unknownCode', { code }) : code;
}
