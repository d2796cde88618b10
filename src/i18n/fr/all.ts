/**
 * The whole French catalog, for code that runs apart from the screens' loading (documents,
 * séance files, the server): it imports both parts itself.
 */
import { frCore } from '../fr';
import { formatMessage, type MessageValues } from '../format';
import type { MessageArgs, MessageKey } from '../index';
import { frScreens } from './screens';

export const fr = { ...frCore, ...frScreens } as const;

/** Like `t` of ../index.ts, from the whole catalog, loaded or not. */
export function frText<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return formatMessage(fr[key], args[0] as MessageValues | undefined);
}

/** Like `tCode` of ../index.ts, from the whole catalog: undefined for a code it does not know. */
export function frCodeText(code: string, values?: MessageValues): string | undefined {
  return Object.hasOwn(fr, code) ? formatMessage(fr[code as MessageKey], values) : undefined;
}
