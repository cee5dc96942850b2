/**
 * Risk and utility of several protections of the same results side by side,
 * as plain text columns: what `routeways protect --compare` prints, and
 * bench:disclosure for the demo's release set.
 */
import type { RiskUtility } from '../core/disclosure/risk-utility.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const LINES: Array<[string, (r: RiskUtility) => string]> = [
  ['cells published with a value', (r) => pct(r.publishedShare)],
  ['mean absolute change (people)', (r) => r.meanAbsolutePerturbation.toFixed(2)],
  ['mean relative change', (r) => pct(r.meanRelativePerturbation)],
  ['largest change (people)', (r) => String(r.maxAbsolutePerturbation)],
  ['Hellinger utility (1 = exact)', (r) => r.hellingerUtility.toFixed(3)],
  ['links of 3+ people on the map', (r) => `${r.mapLinks.drawn} of ${r.mapLinks.trueThreeOrMore} (${pct(r.mapLinks.drawnShare)})`],
  ['false zeros', (r) => String(r.falseZeros)],
  ['risk: published value hides a true 1 or 2', (r) => (r.smallCountRisk ? `at most ${r.smallCountRisk.worstPositive.toFixed(3)}` : 'none published')],
  ['risk: published 0 hides a true 1 or 2', (r) => (r.smallCountRisk ? r.smallCountRisk.zero.toFixed(3) : '-')],
  ['risk: mean posterior for true 1s and 2s', (r) => (r.smallCountRisk ? r.smallCountRisk.meanForSmall.toFixed(3) : '-')],
];

/** One column per protection (its label over it), one line per measure; each column as wide as its widest entry. */
export function riskUtilityTable(columns: ReadonlyArray<{ label: string; riskUtility: RiskUtility }>): string {
  const w = Math.max(...LINES.map(([l]) => l.length));
  const cells = LINES.map(([, f]) => columns.map((c) => f(c.riskUtility)));
  const width = columns.map((c, k) => Math.max(c.label.length, ...cells.map((row) => row[k]!.length)));
  const line = (label: string, values: string[]) => `${label.padEnd(w)}  ${values.map((v, k) => v.padStart(width[k]!)).join('  ')}`;
  return [line('', columns.map((c) => c.label)), ...LINES.map(([l], i) => line(l, cells[i]!))].join('\n') + '\n';
}
