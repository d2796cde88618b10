export interface Sample {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  target?: string;
  ok?: boolean;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}
