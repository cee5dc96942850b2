/**
 * The dimensions a dataset offers to queries, with their categories and
 * readers' labels (the shipped classifications). Title dimensions list only
 * titles held by at least `minTitlePeople` linked people.
 */
import type { Classifications } from '../../core/classify/classifications.js';
import { knownRegions } from '../../reference/regions.js';
import type { Store } from '../../store/database.js';
import type { Dataset } from '../../store/datasets.js';
import type { PublishedNetwork } from '../../core/disclosure/release.js';
import { characteristicValues, dimensionValues, titleCounts, type ClusterMembers } from '../../store/query-counts.js';
import type { ApiDimension } from './types.js';

const LEVEL_LABEL = (c: string) => `Level ${c}`;
const TYPE_LABELS: Record<string, string> = { apprenticeship: 'Apprenticeship', classroom: 'Classroom-based' };
const EMPLOYMENT_LABELS: Record<string, string> = { training: 'In training', 'full-time': 'Full-time', 'part-time': 'Part-time' };

/** The fixed dimensions: id, readers' label, what they describe, classification. */
const FIXED: Array<Pick<ApiDimension, 'id' | 'label' | 'about' | 'classification'>> = [
  { id: 'ssa', label: 'Sector subject area (tier 1)', about: 'qualification', classification: 'SSA tier 1' },
  { id: 'level', label: 'Qualification level', about: 'qualification', classification: 'RQF level' },
  { id: 'type', label: 'Qualification type', about: 'qualification' },
  { id: 'qualification', label: 'Qualification (title as recorded)', about: 'qualification' },
  { id: 'soc_major', label: 'Occupation: SOC major group', about: 'occupation', classification: 'SOC major group' },
  { id: 'soc_submajor', label: 'Occupation: SOC sub-major group', about: 'occupation', classification: 'SOC sub-major group' },
  { id: 'employment_type', label: 'Employment type', about: 'occupation' },
  { id: 'occupation', label: 'Occupation (title as recorded)', about: 'occupation' },
  { id: 'region', label: 'Region', about: 'person', classification: 'ONS regions (ITL1)' },
];

function labeller(id: string, cls: Classifications, socVersion: '2010' | '2020'): (code: string) => string {
  const regions = knownRegions();
  switch (id) {
    case 'ssa':
      return (c) => cls.ssaTier1(c)?.title ?? c;
    case 'level':
      return LEVEL_LABEL;
    case 'type':
      return (c) => TYPE_LABELS[c] ?? c;
    case 'employment_type':
      return (c) => EMPLOYMENT_LABELS[c] ?? c;
    case 'soc_major':
      return (c) => cls.socMajor(c, socVersion)?.title ?? c;
    case 'soc_submajor':
      return (c) => cls.socSubMajor(c, socVersion)?.title ?? c;
    case 'region':
      return (c) => regions.get(c)?.name ?? c;
    default:
      return (c) => c;
  }
}

/** Every dimension of the dataset, its categories in code order (titles: most people first). */
export async function datasetDimensions(store: Store, dataset: Dataset, cls: Classifications, minTitlePeople: number): Promise<ApiDimension[]> {
  // A counts-only dataset (import-counts) has no records to query by any dimension; its published tables are still served.
  if (dataset.kind === 'counts') return [];
  const socVersion = dataset.socVersion === '2010' ? '2010' : '2020';
  const out: ApiDimension[] = [];
  for (const f of FIXED) {
    const base = { ...f, ...(f.classification && f.id.startsWith('soc') ? { classification: `SOC ${socVersion} ${f.id === 'soc_major' ? 'major' : 'sub-major'} group` } : {}) };
    if (f.id === 'qualification' || f.id === 'occupation') {
      const titles = await titleCounts(store, dataset.id, f.id, { min: minTitlePeople });
      out.push({ ...base, categories: titles.map((t) => ({ code: t.key, label: t.title })) });
      continue;
    }
    const label = labeller(f.id, cls, socVersion);
    const values = await dimensionValues(store, dataset.id, f.id);
    const sorted = f.id === 'ssa' || f.id === 'level' || f.id.startsWith('soc') ? values.sort((a, b) => Number(a) - Number(b)) : values;
    out.push({ ...base, categories: sorted.map((c) => ({ code: c, label: label(c) })) });
  }
  for (const c of await characteristicValues(store, dataset.id)) {
    if (out.some((d) => d.id === c.name)) continue; // a characteristic cannot shadow a fixed dimension
    out.push({ id: c.name, label: c.name.replace(/_/g, ' '), about: 'person', categories: c.values.map((v) => ({ code: v, label: v })) });
  }
  return out;
}

/**
 * The `cluster` dimension, from the published network of all regions: its
 * categories are the clusters holding a qualification, and a person's cluster
 * is that of the qualification they hold (titles as on the map). Null when the
 * map has no clusters.
 */
export function clusterDimension(network: PublishedNetwork | undefined): { dimension: ApiDimension; members: ClusterMembers } | null {
  const quals = (network?.nodes ?? []).filter((n) => n.side === 'qualification' && n.cluster !== null);
  if (!network || quals.length === 0) return null;
  const used = new Set(quals.map((n) => n.cluster!));
  const categories = network.clusters.filter((c) => used.has(c.id)).map((c) => ({ code: c.id, label: c.name }));
  return {
    dimension: { id: 'cluster', label: 'Cluster of the qualification (as on the map of all regions)', about: 'qualification', categories },
    members: { titles: quals.map((n) => n.label), ids: quals.map((n) => n.cluster!) },
  };
}
