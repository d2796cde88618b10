/** One measure, printed beside the baseline it was compared to in the same run. */
export interface Measure {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /** Human-readable target, e.g. "<= 150 kB"; `ok` says whether it holds. */
  target?: string;
  ok?: boolean;
}

export function printTable(measures: Measure[]): void {
  const rows = measures.map((m) => [
    m.name,
    `${fmt(m.value)} ${m.unit}`,
    `${m.baselineName}: ${fmt(m.baseline)} ${m.unit}`,
    m.baseline ? `${(m.value / m.baseline).toFixed(2)}x` : 'n/a',
    m.target ? `${m.target} ${m.ok ? 'OK' : 'NOT MET'}` : '',
  ]);
  const head = ['measure', 'value', 'baseline (same run)', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(2);
}
