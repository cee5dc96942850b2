/**
 * Step 3: the dimensions and the two count tables, `pathways-<lvl>` (people by
 * [region,] SSA x qualification type x employment type x occupation x related,
 * with 'Other' and total margins) and `pathways-<lvl>-coverage`.
 */
import type { Category, Dimension } from '../results.js';
import { buildCube, type Cube, type LeafCell } from './cube.js';
import { COVERAGE_LABELS, EMPLOYMENT_TYPE_LABELS, OTHER_OCCUPATION_LABEL, OTHER_SSA_LABEL, QUALIFICATION_TYPE_LABELS } from './labels.js';
import { byCode, TOTAL, UNKNOWN } from './leaves.js';
import { naturalCompare } from '../natural-order.js';
import type { PathwayOptions } from './types.js';

const QUAL_ORDER = ['apprenticeship', 'classroom'];
const EMP_ORDER = ['full-time', 'training', 'part-time'];

export interface PathwayCubes {
  cube: Cube;
  coverCube: Cube;
  ssaCodes: string[];
  qtCodes: string[];
  etCodes: string[];
  socCodes: string[];
}

export interface CubeInput {
  mainId: string;
  coverageId: string;
  levelText: string;
  leaves: LeafCell[];
  cover: LeafCell[];
  regions: string[];
  byRegion: boolean;
  weighted: boolean;
  otherSsa: Map<string, string[]>;
  otherSoc: Map<string, string[]>;
}

function ordered(present: string[], order: string[], always: string[]): string[] {
  const set = new Set([...present, ...always]);
  return [...order.filter((c) => set.has(c)), ...[...set].filter((c) => !order.includes(c) && c !== UNKNOWN).sort(naturalCompare), ...(set.has(UNKNOWN) ? [UNKNOWN] : [])];
}

function withTotal(leafCats: Category[], margins: Category[], totalLabel: string): Category[] {
  return [...leafCats, ...margins, { code: TOTAL, label: totalLabel, children: leafCats.map((c) => c.code) }];
}

function others(codes: Map<string, string[]>, label: string): Category[] {
  return [...codes].map(([code, children]) => ({ code, label, children }));
}

function mainDimensions(input: CubeInput, options: PathwayOptions, codes: Omit<PathwayCubes, 'cube' | 'coverCube'>): Dimension[] {
  const ssaLabel = (c: string): string => options.labels.ssa[c] ?? `SSA ${c}`;
  const socLabel = (c: string): string => options.labels.soc[c] ?? `SOC ${c}`;
  const regionLabel = (c: string): string => options.labels.region?.[c] ?? c;
  const region: Dimension = {
    id: 'region',
    label: 'Region',
    classification: 'Routeways regions',
    categories: withTotal(input.regions.map((r) => ({ code: r, label: r === UNKNOWN ? 'Region not known' : regionLabel(r) })), [], 'All regions'),
  };
  return [
    ...(input.byRegion ? [region] : []),
    {
      id: 'ssa',
      label: 'Sector subject area (tier 1) of highest qualification',
      classification: 'SSA tier 1',
      categories: withTotal(codes.ssaCodes.map((c) => ({ code: c, label: ssaLabel(c) })), others(input.otherSsa, OTHER_SSA_LABEL), 'All sector subject areas'),
    },
    {
      id: 'qualification_type',
      label: 'Highest qualification type',
      categories: withTotal(codes.qtCodes.map((c) => ({ code: c, label: QUALIFICATION_TYPE_LABELS[c] ?? c })), [], 'All qualification types'),
    },
    {
      id: 'employment_type',
      label: 'Employment type',
      categories: withTotal(codes.etCodes.map((c) => ({ code: c, label: EMPLOYMENT_TYPE_LABELS[c] ?? c })), [], 'All employment types'),
    },
    {
      id: 'soc_submajor',
      label: 'Occupation (SOC sub-major group)',
      classification: options.socClassification ?? 'SOC 2010 sub-major group',
      categories: withTotal(codes.socCodes.map((c) => ({ code: c, label: socLabel(c) })), others(input.otherSoc, OTHER_OCCUPATION_LABEL), 'All occupations'),
    },
    {
      id: 'related',
      label: 'Occupation related to the subject',
      classification: `Related-occupation mapping ${options.mapping.name} v${options.mapping.version}`,
      categories: withTotal(
        [
          { code: 'related', label: 'Related occupation' },
          { code: 'not-related', label: 'Not related occupation' },
        ],
        [],
        'All',
      ),
    },
  ];
}

const COVER_CATEGORIES: Category[] = [
  { code: 'analysed-mapped', label: COVERAGE_LABELS['analysed-mapped'] },
  { code: 'analysed-unmapped', label: COVERAGE_LABELS['analysed-unmapped'] },
  { code: 'no-ssa', label: COVERAGE_LABELS['no-ssa'] },
  { code: 'no-occupation', label: COVERAGE_LABELS['no-occupation'] },
  { code: 'no-soc', label: COVERAGE_LABELS['no-soc'] },
  { code: 'analysed', label: COVERAGE_LABELS.analysed, children: ['analysed-mapped', 'analysed-unmapped'] },
  { code: TOTAL, label: COVERAGE_LABELS.total, children: ['analysed-mapped', 'analysed-unmapped', 'no-ssa', 'no-occupation', 'no-soc'] },
];

export function pathwayCubes(input: CubeInput, options: PathwayOptions): PathwayCubes {
  const o = input.byRegion ? 1 : 0;
  const leafCodes = (i: number): string[] => [...new Set(input.leaves.map((l) => l.keys[i]))].sort(byCode);
  const codes = {
    ssaCodes: leafCodes(o),
    qtCodes: ordered(leafCodes(o + 1), QUAL_ORDER, QUAL_ORDER),
    etCodes: ordered(leafCodes(o + 2), EMP_ORDER, ['full-time', 'training']),
    socCodes: leafCodes(o + 3),
  };
  const dims = mainDimensions(input, options, codes);
  const cube = buildCube(
    {
      id: input.mainId,
      title: `People whose highest qualification is at ${input.levelText}, by subject, qualification type, employment type, occupation and whether it is related`,
      dimensions: dims,
      linkedWith: [input.coverageId],
    },
    input.leaves,
    input.weighted,
  );
  const coverDims: Dimension[] = [...(input.byRegion ? [dims[0]] : []), { id: 'coverage', label: 'Coverage', categories: COVER_CATEGORIES }];
  const coverCube = buildCube(
    { id: input.coverageId, title: `People whose highest qualification is at ${input.levelText}: who was analysed`, dimensions: coverDims, linkedWith: [input.mainId] },
    input.cover,
    input.weighted,
  );
  return { cube, coverCube, ...codes };
}
