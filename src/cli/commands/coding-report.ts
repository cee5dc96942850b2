/** The lines `import --code` and `code apply` print about coding: SOC 2010 conversion, titles coded, codes filled. */
import type { DatasetCoding, Soc2010Report } from '../../coding/dataset-coding.js';

const n = (x: number): string => x.toLocaleString('en-GB');
const pct = (a: number, b: number): string => (b === 0 ? '0%' : `${Math.round((100 * a) / b)}%`);

export function formatSoc2010(r: Soc2010Report): string[] {
  const out = [
    `SOC 2010 -> SOC 2020 (ONS relationship table, most likely code, its share as confidence): ${n(r.converted)} records of ${n(r.codes)} codes converted, mean confidence ${r.meanConfidence}%` +
      `${r.uncertain > 0 ? `; ${n(r.uncertain)} records under 64%` : ''}${r.cleared > 0 ? `; ${n(r.cleared)} records with codes the table lacks cleared (kept as entered in soc_raw)` : ''}`,
  ];
  if (r.leastCertain.length > 0) {
    out.push(`  least certain: ${r.leastCertain.slice(0, 5).map((x) => `${x.soc2010} -> ${x.soc2020} (${x.confidence}%, ${n(x.records)} records)`).join(', ')}`);
  }
  return out;
}

export function formatDatasetCoding(dataset: string, c: DatasetCoding): string {
  const out: string[] = ['', 'Coding (--code):'];
  if (c.soc2010) out.push(...formatSoc2010(c.soc2010).map((l) => `  ${l}`));
  for (const k of [c.occupation, c.qualification]) {
    const label = k.kind === 'occupation' ? 'occupation titles to SOC 2020' : 'qualification titles to SSA';
    out.push(
      `  ${n(k.coded)} ${label}: ${n(k.auto)} auto-coded (${pct(k.auto, k.coded)}); filled ${n(k.filled)} records without a code; ${n(k.waiting)} titles wait for review`,
    );
  }
  if (c.occupation.waiting + c.qualification.waiting > 0) {
    out.push(`  Review them with routeways code review ${dataset} (--kind qualification), then routeways code apply ${dataset}`);
  }
  return out.join('\n') + '\n';
}
