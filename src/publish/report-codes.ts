/**
 * Stable report codes for published reports (seed 001: RS01EE ... RS01YH).
 *
 * - A region's code is its `report_code` in data/regions.csv (the nine English
 *   regions: RS01NE, RS01NW, RS01YH, RS01EM, RS01WM, RS01EE, RS01LN, RS01SE, RS01SW).
 * - A region with no report_code there (Wales, Scotland, Northern Ireland) gets
 *   "RS01" + its region code (RS01WA, RS01SC, RS01NI).
 * - A region not in data/regions.csv gets "RS01" + its code in capitals, letters and digits only.
 * - All regions together: RS01ALL.
 * Codes never depend on which regions a release holds, so links stay stable across runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const ALL_REGIONS_CODE = 'RS01ALL';

export interface RegionInfo {
  code: string;
  name: string;
  gssCode: string;
  reportCode: string;
}

let cached: Map<string, RegionInfo> | null = null;

/** data/regions.csv, found from this module's place in dist/src/publish or src/publish. */
function regionsFile(): string {
  for (const rel of ['../../../data/regions.csv', '../../data/regions.csv']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    try {
      readFileSync(path, { flag: 'r' });
      return path;
    } catch {
      // try the next place
    }
  }
  throw new Error('data/regions.csv not found next to the routeways package');
}

export function knownRegions(): Map<string, RegionInfo> {
  if (cached) return cached;
  const rows = parse(readFileSync(regionsFile(), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  cached = new Map(
    rows.map((r) => [
      r.code,
      { code: r.code, name: r.name, gssCode: r.gss_code ?? '', reportCode: r.report_code || reportCodeFor(r.code) },
    ]),
  );
  return cached;
}

function reportCodeFor(regionCode: string): string {
  return `RS01${regionCode.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

/** Report code and name for a region code (null = all regions). */
export function regionReport(region: string | null): { code: string; name: string; gssCode: string } {
  if (region === null) return { code: ALL_REGIONS_CODE, name: 'All regions', gssCode: '' };
  const info = knownRegions().get(region);
  if (info) return { code: info.reportCode, name: info.name, gssCode: info.gssCode };
  return { code: reportCodeFor(region), name: region, gssCode: '' };
}
