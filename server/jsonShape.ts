/*
 * What a JSON body may look like before any schema reads it: nested at most MAX_DEPTH deep (the
 * canonical JSON of signed content recurses, and a 20 KB body can nest 10,000 deep), and without
 * NUL characters, which PostgreSQL's text cannot hold and no field of the register needs.
 * Checked without recursion, so that the check itself cannot overflow the stack.
 */
export const MAX_DEPTH = 32;

/** Why the value is refused, or undefined when it may go on to its schema. */
export function shapeProblem(value: unknown, maxDepth = MAX_DEPTH): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'NUL';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return `depth > ${maxDepth}`;
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1]);
    } else {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\u0000')) return 'NUL';
        stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}
