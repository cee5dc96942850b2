/**
 * Draws the demo extract's rows from the planted model (model.ts). No I/O:
 * rows go to a sink as arrays of text fields, so a writer can stream millions
 * of them to files. The same seed and options always give the same rows.
 */
import type { Classifications } from '../core/classify/classifications.js';
import { DemoRandom } from './random.js';
import { drawCareer, drawWorklessClaims, PLANTED_CAREERS, type DrawnJob } from './careers.js';
import {
  AGE_BANDS,
  CLUSTERS,
  ETHNICITY_GROUPS,
  GENERIC_QUALIFICATIONS,
  NEEDS,
  REGIONS,
  type ClusterSpec,
  type QualificationSpec,
} from './model.js';

export interface DemoOptions {
  /** Any integer; the same seed gives the same extract. */
  seed: number;
  /** People in people.csv (default 6000). */
  people?: number;
  /**
   * Share of qualification and occupation draws taken from a cluster other
   * than the person's own (default 0.12): the cross-cluster links real data has.
   */
  noise?: number;
}

export const DEFAULT_PEOPLE = 6000;
export const DEFAULT_NOISE = 0.12;

export const PEOPLE_HEADER = ['person_id', 'region', 'age_band', 'sex', 'ethnicity_group', 'custody_start', ...NEEDS];
export const QUALIFICATIONS_HEADER = ['person_id', 'qualification', 'ssa', 'level', 'type', 'achieved_on', 'highest'];
export const OCCUPATIONS_HEADER = [
  'person_id', 'occupation', 'soc', 'employment_type', 'started_on', 'ended_on', 'hours', 'pay', 'pay_period', 'contract', 'exit_reason',
];
export const BENEFITS_HEADER = ['person_id', 'started_on', 'ended_on'];

export interface DemoSink {
  person(fields: string[]): void;
  qualification(fields: string[]): void;
  occupation(fields: string[]): void;
  benefit(fields: string[]): void;
}

/** The true structure the demo was drawn from, for tests of the analyses. */
export interface Planted {
  /** Cluster names, in model order. */
  clusters: string[];
  /** Qualification title as written in qualifications.csv -> its planted cluster. Generic titles are not here. */
  qualifications: Record<string, string>;
  /** Occupation title as written in occupations.csv -> its planted cluster. */
  occupations: Record<string, string>;
  /** Qualification titles that belong to no cluster (literacy, first aid, ...): held across all clusters. */
  generic: string[];
  /** person_id -> the cluster the person was drawn in (omitted above 200,000 people to save memory). */
  personCluster?: Map<string, string>;
  /** People drawn in each cluster. */
  clusterSizes: Record<string, number>;
  /** People per region code (NE ... SW). */
  regionSizes: Record<string, number>;
  /** The careers' planted effects (careers.ts). */
  careers: typeof PLANTED_CAREERS;
}

export interface DemoCounts {
  people: number;
  qualifications: number;
  /** Rows of occupations.csv: employment spells, the drawn occupations and the later spells of careers. */
  occupations: number;
  /** People's occupation rows as drawn before careers (the first spells; what clusters and pathways mostly see). */
  drawnOccupations: number;
  /** Rows of benefits.csv. */
  benefits: number;
  /** People with both qualifications and occupations, with only one, with neither. */
  linkage: { both: number; qualificationsOnly: number; occupationsOnly: number; neither: number };
}

const PERSON_CLUSTER_LIMIT = 200_000;
const MIDDLE_AGES: readonly (readonly [string, number])[] = [
  [AGE_BANDS[1], 0.25],
  [AGE_BANDS[2], 0.4],
  [AGE_BANDS[3], 0.35],
];

/** Days since 1970-01-01 <-> text. */
const DAY = 86_400_000;
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;
const isoCache = new Map<number, string>();
/** Dates repeat (a few thousand days), so format each once. */
const iso = (days: number): string => {
  let s = isoCache.get(days);
  if (s === undefined) {
    s = new Date(days * DAY).toISOString().slice(0, 10);
    isoCache.set(days, s);
  }
  return s;
};
const dmy = (days: number) => {
  const s = iso(days);
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
};
const ACHIEVED_FROM = day(2010, 3, 1);
const ACHIEVED_TO = day(2013, 10, 31);

/** Throws a RangeError naming the bad option. */
export function checkDemoOptions(options: DemoOptions): void {
  const total = options.people ?? DEFAULT_PEOPLE;
  const noise = options.noise ?? DEFAULT_NOISE;
  if (!Number.isFinite(options.seed)) throw new RangeError(`seed must be a number, got ${options.seed}`);
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`people must be a whole number of at least 1, got ${total}`);
  if (!(noise >= 0 && noise <= 1)) throw new RangeError(`noise must be between 0 and 1, got ${noise}`);
}

/** Exact counts in proportion to weights (largest remainder), so region sizes do not wobble with the seed. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  return counts;
}

/** A pseudonymous id: an invertible scramble of the row number, so ids are unique without a set. */
function personId(index: number, salt: number): string {
  let x = (index ^ salt) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return `CF${x.toString(16).toUpperCase().padStart(8, '0')}`;
}

const TYPO_SUFFIXES = [' Level 1', ' L2', ' cert', ' (2012)', ' Award', ' Certificate', ' - passed', ' course'];

/** A one-off misspelling of a title, as a case worker might type it. */
function typo(rng: DemoRandom, title: string): string {
  const letters = [...title.matchAll(/[A-Za-z]/g)].map((m) => m.index!).filter((i) => i > 0);
  switch (rng.int(6)) {
    case 0:
      return title.toLowerCase();
    case 1:
      return title.toUpperCase();
    case 2:
      if (letters.length > 2) {
        const i = rng.pick(letters);
        return title.slice(0, i) + title.slice(i + 1);
      }
      return title + rng.pick(TYPO_SUFFIXES);
    case 3: {
      const pairs = letters.filter((i) => /[A-Za-z]/.test(title[i + 1] ?? '') && title[i] !== title[i + 1]);
      if (pairs.length > 0) {
        const i = rng.pick(pairs);
        return title.slice(0, i) + title[i + 1] + title[i] + title.slice(i + 2);
      }
      return title + rng.pick(TYPO_SUFFIXES);
    }
    case 4:
      if (letters.length > 0) {
        const i = rng.pick(letters);
        return title.slice(0, i) + title[i] + title.slice(i);
      }
      return title + rng.pick(TYPO_SUFFIXES);
    default:
      return title + rng.pick(TYPO_SUFFIXES);
  }
}

interface QualDraw {
  title: string;
  ssa: string; // tier 2 code
  level: number;
  apprenticeship: boolean;
  achieved: number;
}

/**
 * Generates the extract's rows into `sink` and returns the planted structure
 * and row counts. `classifications` supplies the SSA titles written in the
 * `ssa` column (as case systems hold them: title, number, tier 2 code or title).
 */
export function buildDemoExtract(
  options: DemoOptions,
  classifications: Classifications,
  sink: DemoSink,
): { planted: Planted; counts: DemoCounts } {
  checkDemoOptions(options);
  const total = options.people ?? DEFAULT_PEOPLE;
  const noise = options.noise ?? DEFAULT_NOISE;
  const rng = new DemoRandom(options.seed);
  // Careers draw from a stream of their own, so the rows drawn before careers existed stay the same.
  const careerRng = new DemoRandom((Math.trunc(options.seed) | 0) ^ 0x2c1b3c6d);
  const trades = CLUSTERS.find((c) => c.name === 'Construction & Building')!;
  const salt = rng.uint32();

  // Who is where: exact region sizes, people in random order.
  const regionCounts = allocate(total, REGIONS.map((r) => r.size));
  const regionOf = new Uint8Array(total);
  for (let r = 0, k = 0; r < REGIONS.length; r++) for (let i = 0; i < regionCounts[r]; i++) regionOf[k++] = r;
  for (let i = total - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = regionOf[i];
    regionOf[i] = regionOf[j];
    regionOf[j] = t;
  }
  const regionMix = REGIONS.map((r) => CLUSTERS.map((c) => c.share * (r.mix[c.name] ?? 1)));
  const shares = CLUSTERS.map((c) => c.share);

  // Title registries: which cluster each written title belongs to ('' = generic).
  const qualOwner = new Map<string, string>();
  const occOwner = new Map<string, string>();
  const owners = { q: qualOwner, o: occOwner };
  const qualHome = new Map<string, string>();
  const occHome = new Map<string, string>();
  for (const c of CLUSTERS) {
    for (const q of c.qualifications) for (const [t] of q.variants) qualOwner.set(t, c.name);
    for (const r of c.rareQualifications) qualOwner.set(r.title, c.name);
    for (const o of c.occupations) for (const [t] of o.variants) occOwner.set(t, c.name);
    for (const [t] of c.rareOccupations) occOwner.set(t, c.name);
  }
  for (const g of GENERIC_QUALIFICATIONS) for (const [t] of g.variants) qualOwner.set(t, '');
  const generic = new Set<string>();

  /** A misspelt title, unless it would collide with another cluster's title. */
  const misspell = (kind: 'q' | 'o', title: string, cluster: string): string => {
    const t = typo(rng, title);
    const owner = owners[kind].get(t);
    if (owner !== undefined && owner !== cluster) return title;
    owners[kind].set(t, cluster);
    return t;
  };

  const drawQualSpec = (specs: readonly QualificationSpec[]) => rng.weightedBy(specs, (s) => s.weight);
  const drawLevel = (spec: QualificationSpec) => rng.weighted(spec.levels);
  const drawAchieved = () => ACHIEVED_FROM + rng.int(ACHIEVED_TO - ACHIEVED_FROM + 1);

  const qualFrom = (c: ClusterSpec, allowRare: boolean): QualDraw => {
    const u = rng.float();
    if (allowRare && u < 0.012) {
      const r = rng.pick(c.rareQualifications);
      return { title: r.title, ssa: r.ssa, level: r.level, apprenticeship: false, achieved: drawAchieved() };
    }
    const spec = drawQualSpec(c.qualifications);
    let title = rng.weighted(spec.variants);
    if (allowRare && u < 0.042) title = misspell('q', title, c.name);
    return { title, ssa: spec.ssa, level: drawLevel(spec), apprenticeship: rng.chance(spec.apprenticeship), achieved: drawAchieved() };
  };
  const genericQual = (): QualDraw => {
    const spec = drawQualSpec(GENERIC_QUALIFICATIONS);
    const title = rng.weighted(spec.variants);
    return { title, ssa: spec.ssa, level: drawLevel(spec), apprenticeship: false, achieved: drawAchieved() };
  };
  const otherCluster = (own: number): number => {
    let k = rng.weightedIndex(shares);
    while (k === own) k = rng.weightedIndex(shares);
    return k;
  };

  const occFrom = (c: ClusterSpec, allowRare: boolean): { title: string; soc: string } => {
    const u = rng.float();
    if (allowRare && u < 0.02) {
      const [title, soc] = rng.pick(c.rareOccupations);
      return { title, soc };
    }
    const spec = rng.weightedBy(c.occupations, (o) => o.weight);
    let title = rng.weighted(spec.variants);
    if (allowRare && u < 0.04) title = misspell('o', title, c.name);
    return { title, soc: spec.soc };
  };

  const ssaText = (tier2: string): string => {
    const t2 = classifications.ssaTier2(tier2);
    if (!t2) throw new Error(`demo model uses unknown SSA tier 2 code ${tier2}`);
    const t1 = classifications.ssaTier1(t2.parent)!;
    const u = rng.float();
    if (u < 0.5) return t1.title;
    if (u < 0.62) return t1.code;
    if (u < 0.72) return t2.code;
    if (u < 0.82) return t2.title;
    if (u < 0.9) return t1.title.toLowerCase();
    return '';
  };
  const socText = (soc: string): string => {
    const u = rng.float();
    if (u < 0.88) return soc;
    if (u < 0.93) return '';
    if (u < 0.97) return soc.slice(0, 3);
    return soc.slice(0, 2);
  };

  const counts: DemoCounts = {
    people: total,
    qualifications: 0,
    occupations: 0,
    drawnOccupations: 0,
    benefits: 0,
    linkage: { both: 0, qualificationsOnly: 0, occupationsOnly: 0, neither: 0 },
  };
  const clusterSizes: Record<string, number> = Object.fromEntries(CLUSTERS.map((c) => [c.name, 0]));
  const personCluster = total <= PERSON_CLUSTER_LIMIT ? new Map<string, string>() : undefined;
  const employmentMix = CLUSTERS.map(
    (c): readonly (readonly [string, number])[] => [
      ['training', c.employment[0]],
      ['full-time', c.employment[1]],
      ['part-time', c.employment[2]],
    ],
  );
  const bameMix: readonly (readonly [string, number])[] = [
    [ETHNICITY_GROUPS[0], 0.45],
    [ETHNICITY_GROUPS[1], 0.33],
    [ETHNICITY_GROUPS[2], 0.14],
    [ETHNICITY_GROUPS[3], 0.08],
  ];

  for (let p = 0; p < total; p++) {
    const region = REGIONS[regionOf[p]];
    const k = rng.weightedIndex(regionMix[regionOf[p]]);
    const cluster = CLUSTERS[k];
    const profile = cluster.profile;
    const id = personId(p, salt);
    clusterSizes[cluster.name]++;
    personCluster?.set(id, cluster.name);

    const ageU = rng.float();
    const age =
      ageU < profile.under21
        ? AGE_BANDS[0]
        : ageU < profile.under21 + profile.over50
          ? AGE_BANDS[4]
          : rng.weighted(MIDDLE_AGES);
    const ethnicity = rng.chance(0.01)
      ? 'Not known'
      : rng.chance(Math.min(0.9, profile.bame * region.bame))
        ? rng.weighted(bameMix)
        : 'White';
    sink.person([
      id,
      rng.weighted(region.entered),
      age,
      rng.chance(profile.female) ? 'female' : 'male',
      ethnicity,
      String(rng.chance(profile.custody)),
      ...NEEDS.map((n) => String(rng.chance(profile.needs[n]))),
    ]);

    // Linkage: 86% both, 9% qualifications only, 4.5% occupations only, 0.5% neither.
    const link = rng.float();
    const hasQuals = link < 0.95;
    const hasOccs = link < 0.86 || (link >= 0.95 && link < 0.995);
    const quals: QualDraw[] = [];
    let anchor: QualDraw | null = null;
    if (hasQuals) {
      let n = 1;
      while (n < 5 && rng.chance(0.45)) n++;
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        const u = rng.float();
        const q = u < noise ? qualFrom(CLUSTERS[otherCluster(k)], false) : u < noise + 0.15 ? genericQual() : qualFrom(cluster, true);
        if (seen.has(q.title)) continue;
        seen.add(q.title);
        quals.push(q);
        const owner = qualOwner.get(q.title)!;
        if (owner === '') generic.add(q.title);
        else if (!qualHome.has(q.title)) qualHome.set(q.title, owner);
      }
      // Exactly one highest: the highest level, then the latest, then the first listed.
      let best = 0;
      for (let i = 1; i < quals.length; i++) {
        const a = quals[i];
        const b = quals[best];
        if (a.level > b.level || (a.level === b.level && a.achieved > b.achieved)) best = i;
      }
      anchor = quals[best];
      quals.forEach((q, i) => {
        sink.qualification([
          id,
          q.title,
          ssaText(q.ssa),
          rng.chance(0.05) ? `Level ${q.level}` : String(q.level),
          q.apprenticeship ? 'apprenticeship' : 'classroom',
          rng.chance(0.05) ? dmy(q.achieved) : iso(q.achieved),
          String(i === best),
        ]);
      });
      counts.qualifications += quals.length;
    }
    if (hasOccs) {
      const n = rng.chance(0.85) ? 1 : rng.chance(0.85) ? 2 : 3;
      const apprentice = quals.some((q) => q.apprenticeship);
      let start = quals.length > 0 ? Math.max(...quals.map((q) => q.achieved)) + 7 + rng.int(260) : day(2010, 6, 1) + rng.int(1400);
      const seen = new Set<string>();
      const jobs: DrawnJob[] = [];
      for (let i = 0; i < n; i++) {
        const o = rng.chance(noise) ? occFrom(CLUSTERS[otherCluster(k)], false) : occFrom(cluster, true);
        if (seen.has(o.title)) continue;
        seen.add(o.title);
        if (!occHome.has(o.title)) occHome.set(o.title, occOwner.get(o.title)!);
        const employment =
          apprentice && rng.chance(0.6)
            ? 'training'
            : rng.weighted(employmentMix[k]);
        jobs.push({ title: o.title, socText: socText(o.soc), soc: o.soc, employment, start });
        start += 30 + rng.int(300);
      }
      counts.drawnOccupations += jobs.length;
      const career = drawCareer(careerRng, {
        jobs, cluster, trades, anchor: anchor && { ssa: anchor.ssa.split('.')[0], apprenticeship: anchor.apprenticeship },
      });
      for (const sp of career.spells) {
        if (!occHome.has(sp.title)) occHome.set(sp.title, occOwner.get(sp.title)!);
        sink.occupation([id, sp.title, sp.socText, sp.employment, iso(sp.start), sp.end === null ? '' : iso(sp.end), String(sp.hours), sp.pay, sp.period, sp.contract, sp.exit ?? '']);
      }
      counts.occupations += career.spells.length;
      for (const [a, b] of career.claims) sink.benefit([id, iso(a), b === null ? '' : iso(b)]);
      counts.benefits += career.claims.length;
    } else {
      const from = quals.length > 0 ? Math.max(...quals.map((q) => q.achieved)) : day(2010, 6, 1);
      const claims = drawWorklessClaims(careerRng, from);
      for (const [a, b] of claims) sink.benefit([id, iso(a), b === null ? '' : iso(b)]);
      counts.benefits += claims.length;
    }
    if (quals.length > 0 && hasOccs) counts.linkage.both++;
    else if (quals.length > 0) counts.linkage.qualificationsOnly++;
    else if (hasOccs) counts.linkage.occupationsOnly++;
    else counts.linkage.neither++;
  }

  const planted: Planted = {
    clusters: CLUSTERS.map((c) => c.name),
    qualifications: Object.fromEntries(qualHome),
    occupations: Object.fromEntries(occHome),
    generic: [...generic].sort(),
    clusterSizes,
    regionSizes: Object.fromEntries(REGIONS.map((r, i) => [r.code, regionCounts[i]])),
    careers: PLANTED_CAREERS,
  };
  if (personCluster) planted.personCluster = personCluster;
  return { planted, counts };
}
