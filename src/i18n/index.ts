import { fr, type Catalog, type MessageKey } from './fr';

export type { MessageKey };

const catalogs: Record<string, Catalog> = { fr };
let current: Catalog = fr;

export function setLanguage(lang: string): void {
  current = catalogs[lang] ?? fr;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in current;
}

/** Translates a key, filling {placeholders}. Unknown keys (e.g. a raw error) are shown as they are. */
export function t(key: MessageKey | string, params?: Record<string, string | number>): string {
  const template = isMessageKey(key) ? current[key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
