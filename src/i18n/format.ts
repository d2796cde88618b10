import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * One message of a catalog as it is at run time: the ICU text of the catalog's source (tests,
 * server, `vite dev` without the plugin), or, in the app's build, the syntax tree the build
 * precompiled from it (./precompile.ts); a text with no brace nor apostrophe stays a text.
 */
export type CompiledMessage = string | MessageFormatElement[];

export type MessageValues = Record<string, string | number>;

const formats = new Map<CompiledMessage, IntlMessageFormat>();

/** A text that ICU would print as it is: returned without a formatter. */
const isPlain = (m: CompiledMessage): m is string => typeof m === 'string' && !/[{}']/.test(m);

/** Formats one message in French; a missing or mistyped value throws (the keys' types prevent it). */
export function formatMessage(message: CompiledMessage, values?: MessageValues): string {
  if (isPlain(message)) return message;
  let format = formats.get(message);
  if (!format) {
    format = new IntlMessageFormat(message, 'fr', undefined, { ignoreTag: true });
    formats.set(message, format);
  }
  return String(format.format(values));
}
