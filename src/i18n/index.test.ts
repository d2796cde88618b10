import { describe, expect, it } from 'vitest';
import { t } from './index';
import { fr } from './fr';

describe('t', () => {
  it('returns the French text of a key', () => {
    expect(t('status.offline')).toBe('Hors ligne');
  });
  it('fills placeholders', () => {
    expect(t('status.pending', { count: 3 })).toBe('3 modification(s) en attente');
  });
  it('shows an unknown key as it is rather than failing', () => {
    expect(t('not.a.key')).toBe('not.a.key');
  });
  it('has no empty message', () => {
    expect(Object.entries(fr).filter(([, v]) => v.trim() === '')).toEqual([]);
  });
});

describe('catalog coverage', () => {
  it('has a message for every error or result key the domain can return', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../domain/', import.meta.url);
    const keys = new Set<string>();
    // syncTables.ts names mutations ('vote.cancel'), not messages.
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'syncTables.ts')) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/'((?:error|proxy|vote|result|convocation|appointment)\.[a-zA-Z]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(20);
    expect([...keys].filter((k) => !(k in fr))).toEqual([]);
  });
});
