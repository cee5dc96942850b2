/**
 * Which analysis settings a protected release may carry.
 *
 * Results.settings holds the options an analysis ran with, but the analyses
 * also record there what they found: people analysed, numbers of
 * qualifications, occupations, links and clusters. Those are exact,
 * unprotected counts, so a release keeps only the keys named here: choices
 * made before looking at the data. Everything else is dropped, whatever its
 * type (an allow-list: a new count an analysis records later stays out).
 */

/** An allowed setting: true (any string, boolean or finite number, or a list of them), or the allowed keys of a nested object. */
type Allowed = true | { readonly [key: string]: Allowed };

export const RELEASE_SETTINGS: Readonly<Record<string, Allowed>> = {
  // clusters
  filters: { region: true, levels: true, ssa: true, type: true, from: true, to: true, minPeople: true, occupationBy: true },
  occupationBy: true,
  resolution: true,
  seed: true,
  restarts: true,
  bootstrap: true,
  bootstrapMethod: true,
  coreThreshold: true,
  fdr: true,
  linkTests: true,
  top: true,
  minPeople: true,
  // pathways
  level: true,
  mapping: { name: true, version: true },
  thresholds: { clearPathway: true, minBase: true, minShare: true },
  weighted: true,
  byRegion: true,
  highestQualification: true,
  mainOccupation: true,
  unmapped: true,
  // either
  region: true,
  levels: true,
  ssa: true,
  type: true,
  from: true,
  to: true,
};

function scalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v));
}

function keep(v: unknown, allowed: Allowed): unknown {
  if (allowed === true) {
    if (scalar(v)) return v;
    if (Array.isArray(v) && v.every(scalar)) return [...v];
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  return pick(v as Record<string, unknown>, allowed);
}

function pick(s: Record<string, unknown>, allowed: { readonly [key: string]: Allowed }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (!Object.prototype.hasOwnProperty.call(allowed, k)) continue;
    const x = keep(v, allowed[k]!);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

/** The settings of one analysis a release may carry: allowed keys only, counts and findings dropped. */
export function releaseSettings(settings: Record<string, unknown>): Record<string, unknown> {
  return pick(settings ?? {}, RELEASE_SETTINGS);
}
