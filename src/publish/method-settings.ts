/**
 * Which analysis settings a report page shows in its method notes.
 *
 * A release's `settings` can hold more than settings: the analyses also record
 * what they found (people analysed, numbers of nodes and links), and those
 * are exact, unprotected counts. Only the settings named here, which are
 * choices made before looking at the data, are ever published.
 */

/** Setting name -> how a reader sees it. Nested objects (thresholds, mapping, filters) are shown by their own known keys. */
export const SHOWN_SETTINGS: Readonly<Record<string, string>> = {
  occupationBy: 'Occupations grouped by',
  resolution: 'Resolution of the clustering',
  seed: 'Random seed',
  restarts: 'Clustering runs (best kept)',
  bootstrap: 'Bootstrap replicates',
  bootstrapMethod: 'Bootstrap method',
  coreThreshold: 'Confidence for a core member',
  fdr: 'False discovery rate',
  top: 'Members listed per cluster',
  minPeople: 'Fewest people for a qualification or occupation to be clustered',
  level: 'Level of the highest qualification',
  mapping: 'Related-occupation mapping',
  name: 'Name',
  version: 'Version',
  thresholds: 'Thresholds',
  clearPathway: 'Share of a subject in one occupation for a clear pathway',
  minBase: 'Smallest group reported on its own',
  minShare: 'Smallest share shown',
  weighted: 'Weighted',
  filters: 'Filters',
  levels: 'Qualification levels',
  ssa: 'Sector subject areas',
  type: 'Qualification type',
  from: 'Achieved from',
  to: 'Achieved to',
  region: 'Region',
};

function show(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(show).filter((x): x is string => x !== null);
    return parts.length > 0 ? parts.join(', ') : null;
  }
  if (v && typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([k]) => k in SHOWN_SETTINGS)
      .map(([k, x]) => {
        const s = show(x);
        return s === null ? null : `${SHOWN_SETTINGS[k].toLowerCase()}: ${s}`;
      })
      .filter((x): x is string => x !== null);
    return parts.length > 0 ? parts.join('; ') : null;
  }
  return null;
}

/**
 * The settings rows of the method notes: [analysis, [label, value][]] for each
 * analysis in the release (settings keyed by analysis), known keys only.
 */
export function methodSettings(settings: Record<string, unknown>): Array<[string, Array<[string, string]>]> {
  const perAnalysis = Object.entries(settings).every(([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v));
  const groups: Array<[string, Record<string, unknown>]> = perAnalysis
    ? Object.entries(settings).map(([k, v]) => [k, v as Record<string, unknown>])
    : [['analysis', settings]];
  return groups
    .map(([analysis, s]): [string, Array<[string, string]>] => [
      analysis.charAt(0).toUpperCase() + analysis.slice(1),
      Object.entries(s)
        .filter(([k]) => k in SHOWN_SETTINGS)
        .map(([k, v]): [string, string | null] => [SHOWN_SETTINGS[k], show(v)])
        .filter((x): x is [string, string] => x[1] !== null),
    ])
    .filter(([, rows]) => rows.length > 0);
}
