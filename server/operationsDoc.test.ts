import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Source files that read the environment: the server, the benchmarks, the test configurations. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('docs/operations.md', () => {
  it('lists every environment variable the code reads in its table', () => {
    const files = [...sources('server'), ...sources('bench'), ...sources('e2e'), 'playwright.config.ts', 'vitest.config.ts'];
    const read = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) read.add(m[1]!);
    read.delete('NODE_ENV'); // a bundler define in bench/bundle.ts, not a setting
    read.delete('PATH'); // passed on to a child process in a test
    expect(read.size).toBeGreaterThan(10);
    const table = readFileSync('docs/operations.md', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .join('\n');
    const missing = [...read].filter((v) => !table.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });
});
