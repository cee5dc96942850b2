/**
 * Regions as the product names them: matching what a user typed (code, name,
 * GSS code, report code or alias; the same rules for every option and
 * input), and stable report codes for published reports (seed 001: RS01EE ...
 * RS01YH), all from the one copy of data/regions.csv the classifications load.
 *
 * - A region's report code is its `report_code` in data/regions.csv (the nine English
 *   regions: RS01NE, RS01NW, RS01YH, RS01EM, RS01WM, RS01EE, RS01LN, RS01SE, RS01SW).
 * - A region with no report_code there (Wales, Scotland, Northern Ireland) gets
 *   "RS01" + its region code (RS01WA, RS01SC, RS01NI).
 * - A region not in data/regions.csv gets "RS01" + its code in capitals, letters and digits only.
 * - All regions together: RS01ALL.
 * Codes never depend on which regions a release holds, so links stay stable across runs.
 */
import { loadClassifications } from './classifications.js';

export const ALL_REGIONS_CODE = 'RS01ALL';

export interface RegionInfo {
  code: string;
  name: string;
  gssCode: string;
  reportCode: string;
}

function reportCodeFor(regionCode: string): string {
  return `RS01${regionCode.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

let cached: Map<string, RegionInfo> | null = null;

/** Every shipped region by code. */
export function knownRegions(): Map<string, RegionInfo> {
  cached ??= new Map(
    loadClassifications().data.regions.map((r) => [r.code, { code: r.code, name: r.name, gssCode: r.gssCode, reportCode: r.reportCode ?? reportCodeFor(r.code) }]),
  );
  return cached;
}

/**
 * The region code a user means, or null: by code, name, GSS code, alias or
 * report code (including the derived ones such as RS01WA), ignoring case,
 * spacing and punctuation.
 */
export function matchRegion(value: string | null | undefined): string | null {
  const hit = loadClassifications().matchRegion(value);
  if (hit !== null || !value) return hit;
  const key = value.trim().toUpperCase();
  for (const r of knownRegions().values()) if (r.reportCode === key) return r.code;
  return null;
}

/** Words for an error message listing what a region may be called. */
export const REGION_SPELLINGS = 'a region code (e.g. YH), name (e.g. Yorkshire and The Humber), GSS code (E12000003) or report code (RS01YH)';

/** Report code and name for a region code (null = all regions). */
export function regionReport(region: string | null): { code: string; name: string; gssCode: string } {
  if (region === null) return { code: ALL_REGIONS_CODE, name: 'All regions', gssCode: '' };
  const info = knownRegions().get(region);
  if (info) return { code: info.reportCode, name: info.name, gssCode: info.gssCode };
  return { code: reportCodeFor(region), name: region, gssCode: '' };
}
