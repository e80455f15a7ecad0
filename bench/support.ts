export { freePort } from '../server/freePort.js';

export interface Figure {
  name: string;
  unit: string;
  engine: number;
  hand: number;
  target?: { op: '≤' | '≥'; ratio: number };
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));

/** A figure's ratio, whether it meets its target, as a markdown table row. */
export function figureRow(f: Figure): string {
  const ratio = f.hand === 0 ? NaN : f.engine / f.hand;
  const target = f.target ? `${f.target.op} ${f.target.ratio}×` : '';
  const met = !f.target
    ? ''
    : (f.target.op === '≤' ? ratio <= f.target.ratio : ratio >= f.target.ratio)
      ? 'met'
      : 'missed';
  return `| ${f.name} | ${fmt(f.engine)} ${f.unit} | ${fmt(f.hand)} ${f.unit} | ${ratio.toFixed(2)}× | ${target} | ${met} |`;
}
