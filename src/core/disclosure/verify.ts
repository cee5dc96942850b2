/**
 * verifyRelease(): accept a release read back from files (release.json) only
 * after checking it again. It validates the shape (zod), checks every
 * published count against the policy (no count of 1..minCount-1, counts on the
 * rounding grid, report cells equal to the count-table cells they show), and
 * re-runs the rank audit on what an outsider sees: the count tables' structure
 * and published values (model.ts, attacker mode). A release edited to reveal a
 * suppressed cell is refused. Singletons cannot be re-checked (that needs the
 * unpublished counts); protect() checked them.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { ATTACKER_MODEL_CAP, buildPublishedModel, type ModelTableInput, type RegionSum } from './model.js';
import { auditModel } from './audit.js';
import { AuditFailure } from './protect.js';
import { sealRelease, type ProtectedRelease, type PublishedCell, type PublishedCountTable, type ReleaseBody } from './release.js';

const symbolSchema = z.enum(['[c]', '[x]', '[z]', '[low]', '[u]']);
const reasonSchema = z.enum([
  'primary-small-count',
  'primary-small-base',
  'secondary',
  'depends-on-suppressed',
  'not-applicable',
  'not-available',
  'rounds-to-zero',
]);
const refSchema = z.object({ table: z.string(), keys: z.array(z.string()) });
const cellSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('count'), value: z.number().int().min(0), ref: refSchema.optional() }),
  z.object({ kind: z.literal('share'), value: z.number(), low: z.number().optional(), high: z.number().optional(), base: z.number().optional(), flag: z.literal('[u]').optional() }),
  z.object({ kind: z.literal('stat'), value: z.number(), decimals: z.number().int().optional(), unit: z.enum(['share', 'ratio', 'number']).optional() }),
  z.object({ kind: z.literal('symbol'), symbol: symbolSchema, reason: reasonSchema }),
  z.object({ kind: z.literal('empty') }),
]);
const columnSchema = z.object({ id: z.string(), label: z.string() });
const categorySchema = z.object({ code: z.string(), label: z.string(), children: z.array(z.string()).optional() });
const dimensionSchema = z.object({ id: z.string(), label: z.string(), classification: z.string().optional(), categories: z.array(categorySchema) });

export const releaseSchema = z.object({
  dataset: z.string(),
  region: z.string().nullable(),
  analyses: z.array(z.string()),
  policy: z.object({
    method: z.enum(['suppression', 'perturbation']).optional(),
    minCount: z.number().int().min(1),
    roundingBase: z.number().int().min(1).nullable(),
    minBase: z.number().int().min(0),
    protectSingletons: z.boolean().optional(),
  }),
  tables: z.array(
    z.object({
      id: z.string(),
      analysis: z.string().optional(),
      labels: z.record(z.string(), z.unknown()).optional(),
      title: z.string(),
      caption: z.string().optional(),
      section: z.string(),
      columns: z.array(columnSchema),
      rows: z.array(z.object({ id: z.string(), total: z.boolean().optional(), cells: z.array(cellSchema) })),
      notes: z.array(z.string()).optional(),
      display: z
        .object({ kind: z.literal('flow'), step: z.number().int().min(0), from: z.number().int().min(0), to: z.number().int().min(0), value: z.number().int().min(0) })
        .optional(),
    }),
  ),
  network: z
    .object({
      nodes: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          side: z.enum(['qualification', 'occupation']),
          cluster: z.string().nullable(),
          people: z.number().int().min(0),
          confidence: z.number().optional(),
        }),
      ),
      links: z.array(
        z.object({
          source: z.string(),
          target: z.string(),
          people: z.number().int().min(0),
          lift: z.number().optional(),
          q: z.number().optional(),
          significant: z.boolean().optional(),
        }),
      ),
      clusters: z.array(z.object({ id: z.string(), name: z.string(), people: z.number().int().min(0).nullable() })),
      omitted: z.object({ nodes: z.number().int().min(0), links: z.number().int().min(0) }),
    })
    .optional(),
  labels: z.record(z.string(), z.unknown()),
  settings: z.record(z.string(), z.record(z.string(), z.unknown())),
  publication: z
    .object({
      sections: z.array(z.object({ id: z.string(), heading: z.string(), intro: z.string().optional() })),
      headlines: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          analysis: z.string(),
          figure: cellSchema.optional(),
          items: z.array(z.object({ text: z.string(), figure: cellSchema.optional() })).optional(),
          sentence: z.object({ text: z.string(), withheld: z.string().optional() }).optional(),
        }),
      ),
      analyses: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          labels: z.record(z.string(), z.unknown()),
          methodNotes: z.array(z.string()),
          settingNotes: z.array(z.tuple([z.string(), z.string()])),
        }),
      ),
    })
    .default({ sections: [], headlines: [], analyses: [] }),
  audit: z.object({
    passed: z.boolean(),
    suppressedCells: z.number().int().min(0),
    checked: z.number().int().min(0),
    derivable: z.array(z.object({ table: z.string(), cell: z.string(), why: z.string() })),
    primary: z.number().int().optional(),
    secondary: z.number().int().optional(),
    publishedCells: z.number().int().optional(),
    rank: z.number().int().optional(),
    method: z.string().optional(),
  }),
  countTables: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dimensions: z.array(dimensionSchema),
      additive: z.boolean(),
      linkedWith: z.array(z.string()).optional(),
      sumsAcrossRegions: z.union([z.boolean(), z.array(z.array(z.string()))]).optional(),
      sameAs: z.array(z.object({ keys: z.array(z.string()), table: z.string(), otherKeys: z.array(z.string()) })).optional(),
      cells: z.array(
        z.union([
          z.object({ keys: z.array(z.string()), value: z.number().int().min(0) }).strict(),
          z.object({ keys: z.array(z.string()), symbol: symbolSchema, reason: reasonSchema }).strict(),
        ]),
      ),
    }),
  ),
  facts: z
    .array(
      z.object({
        terms: z.array(z.object({ table: z.string(), keys: z.array(z.string()), coef: z.number() })),
        min: z.number().optional(),
        max: z.number().optional(),
        why: z.string(),
      }),
    )
    .optional(),
});

const SEP = '\u0001';

/** Validate and re-audit a release body read from a file; `source` names the file in errors. */
export function verifyRelease(data: unknown, source = 'release.json'): ProtectedRelease {
  const parsed = releaseSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${source}: not a protected release: at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const body = parsed.data as unknown as ReleaseBody;
  const { minCount, roundingBase } = body.policy;
  if (!body.audit.passed) throw new InputError(`${source}: the release failed its audit when it was made`);
  const checkCount = (value: number, where: string) => {
    if (value > 0 && value < minCount) throw new InputError(`${source}: ${where} publishes ${value} people, below the release's minimum count ${minCount}`);
    if (roundingBase !== null && roundingBase > 1 && value % roundingBase !== 0) {
      throw new InputError(`${source}: ${where} publishes ${value}, not rounded to base ${roundingBase}`);
    }
  };
  const values = new Map<string, { value: number } | { symbol: string }>();
  for (const t of body.countTables) {
    for (const c of t.cells) {
      const where = `count table ${t.id} cell [${c.keys.join(', ')}]`;
      if ('value' in c) checkCount(c.value, where);
      values.set(t.id + SEP + c.keys.join(SEP), 'value' in c ? { value: c.value } : { symbol: c.symbol });
    }
  }
  const checkCell = (c: PublishedCell | undefined, where: string) => {
    if (c?.kind !== 'count') return;
    checkCount(c.value, where);
    if (!c.ref) return;
    const v = values.get(c.ref.table + SEP + c.ref.keys.join(SEP));
    if (!v || !('value' in v) || v.value !== c.value) {
      throw new InputError(`${source}: ${where} shows ${c.value} but its count-table cell ${c.ref.table} [${c.ref.keys.join(', ')}] is ${v ? ('value' in v ? v.value : v.symbol) : 'not published'}`);
    }
  };
  for (const t of body.tables) for (const row of t.rows) row.cells.forEach((c, j) => checkCell(c, `table ${t.id}, row ${row.id}, column ${j + 1}`));
  for (const h of body.publication.headlines) {
    checkCell(h.figure, `headline ${h.id}`);
    for (const item of h.items ?? []) checkCell(item.figure, `headline ${h.id}`);
  }
  if (body.network) {
    for (const n of body.network.nodes) checkCount(n.people, `network node ${n.id}`);
    for (const l of body.network.links) checkCount(l.people, `network link ${l.source}-${l.target}`);
  }

  const inputs: ModelTableInput[] = body.countTables.map((t) => ({
    key: t.id,
    dimensions: t.dimensions,
    additive: t.additive,
    linkedWith: t.linkedWith ?? [],
    cells: t.cells.map((c) => ({ keys: c.keys, n: 'value' in c ? c.value : null })),
    sameAs: t.sameAs ?? [],
  }));
  const model = buildPublishedModel(inputs);
  const published: number[] = [];
  const suppressed: number[] = [];
  for (const c of model.cells) {
    // [low] cells are treated as published (their value is nearly known).
    const v = values.get(c.table + SEP + c.keys.join(SEP));
    if (v && 'symbol' in v && v.symbol === '[c]') suppressed.push(c.index);
    else published.push(c.index);
  }
  const audit = auditModel({ model, published, suppressed });
  if (!audit.passed) {
    const f = audit.derivable[0]!;
    throw new AuditFailure(`${source}: the release fails the disclosure audit: table ${f.table}, cell ${f.label}: ${f.why}`, audit.derivable);
  }
  return sealRelease(body);
}

export interface ReleaseSetAudit {
  passed: boolean;
  /** Withheld ([c]) count-table cells checked across the set. */
  checked: number;
  /** Rank of everything the set publishes, with the known relations. */
  rank: number;
  derivable: Array<{ table: string; cell: string; why: string }>;
}

/**
 * The rank audit of a set of releases published together (a site): what an
 * outsider can build from all of them at once — every release's count tables
 * and published values, the equalities each states between linked tables, and
 * the region sums (each all-regions cell of a table marked sumsAcrossRegions
 * equals the sum of the regional cells with the same keys plus a remainder).
 * `remainders: 'zero'` assumes the outsider knows nobody is outside the
 * published regions (stricter). In either case a remainder that the published
 * counts pin to a small group (all-regions minus regional counts, see
 * smallRemainders) fails the audit. Independent of protectSet: it sees only
 * what the releases publish.
 */
export function auditReleaseSet(releases: readonly ProtectedRelease[], options: { remainders?: 'unknown' | 'zero' } = {}): ReleaseSetAudit {
  const prefix = (r: ProtectedRelease) => `${r.region ?? 'ALL'}/`;
  const inputs: ModelTableInput[] = [];
  const values = new Map<string, { value: number } | { symbol: string }>();
  for (const r of releases) {
    for (const t of r.countTables) {
      const key = prefix(r) + t.id;
      inputs.push({
        key,
        dimensions: t.dimensions,
        additive: t.additive,
        linkedWith: (t.linkedWith ?? []).map((x) => prefix(r) + x),
        cells: t.cells.map((c) => ({ keys: c.keys, n: 'value' in c ? c.value : null })),
        sameAs: (t.sameAs ?? []).map((x) => ({ ...x, table: prefix(r) + x.table })),
      });
      for (const c of t.cells) values.set(key + SEP + c.keys.join(SEP), 'value' in c ? { value: c.value } : { symbol: c.symbol });
    }
  }
  const sums: RegionSum[] = [];
  for (const all of releases.filter((r) => r.region === null)) {
    for (const t of all.countTables) {
      if (!t.sumsAcrossRegions) continue;
      const parts = releases
        .filter((r) => r.region !== null && r.countTables.some((u) => u.id === t.id && u.sumsAcrossRegions))
        .map((r) => prefix(r) + t.id);
      if (parts.length > 0) sums.push({ total: prefix(all) + t.id, parts, cells: t.sumsAcrossRegions === true ? true : t.sumsAcrossRegions });
    }
  }
  const model = buildPublishedModel(inputs, ATTACKER_MODEL_CAP, sums, options.remainders ?? 'unknown');
  const published: number[] = [];
  const suppressed: number[] = [];
  for (const c of model.cells) {
    const v = values.get(c.table + SEP + c.keys.join(SEP));
    if (v && 'symbol' in v && v.symbol === '[c]') suppressed.push(c.index);
    else if (v) published.push(c.index);
  }
  const audit = auditModel({ model, published, suppressed });
  const derivable = audit.derivable.map((f) => ({ table: f.table, cell: f.label, why: f.why }));
  derivable.push(...smallRemainders(releases, sums, values));
  return { passed: derivable.length === 0, checked: audit.checked, rank: audit.rank, derivable };
}

/**
 * The people of no published region, worked out directly: an all-regions cell minus the
 * regional cells with the same keys, where all of them are published. A small group (1 to
 * minCount-1 people) must not be pinned down that way: protectSet withholds a cell to stop
 * it. With rounded counts the difference is only known to within the rounding of each term,
 * so a remainder is flagged when every value in that range is small (a zero or a large
 * remainder is never flagged). Whatever the `remainders` option, an outsider can subtract.
 */
function smallRemainders(
  releases: readonly ProtectedRelease[],
  sums: RegionSum[],
  values: Map<string, { value: number } | { symbol: string }>,
): ReleaseSetAudit['derivable'] {
  const minCount = Math.max(...releases.map((r) => r.policy.minCount));
  const base = Math.max(1, ...releases.map((r) => r.policy.roundingBase ?? 1));
  const half = Math.floor(base / 2);
  const tables = new Map<string, PublishedCountTable>();
  for (const r of releases) for (const t of r.countTables) tables.set(`${r.region ?? 'ALL'}/${t.id}`, t);
  const out: ReleaseSetAudit['derivable'] = [];
  for (const sum of sums) {
    const total = tables.get(sum.total)!;
    const keyList = sum.cells === true ? total.cells.map((c) => c.keys) : sum.cells;
    for (const keys of keyList) {
      const whole = values.get(sum.total + SEP + keys.join(SEP));
      if (!whole || !('value' in whole)) continue;
      let rest = whole.value;
      let terms = 1;
      let known = true;
      for (const part of sum.parts) {
        const t = tables.get(part)!;
        // A regional table without one of these categories has no such cell: it adds nothing.
        if (!keys.every((k, i) => t.dimensions[i]?.categories.some((c) => c.code === k))) continue;
        const v = values.get(part + SEP + keys.join(SEP));
        if (!v || !('value' in v)) {
          known = false;
          break;
        }
        rest -= v.value;
        terms++;
      }
      if (!known) continue;
      const low = rest - terms * half;
      const high = rest + terms * half;
      if (low >= 1 && high <= minCount - 1) {
        out.push({
          table: sum.total,
          cell: `${sum.total} [${keys.join(', ')}] (people of no published region)`,
          why: `the all-regions count minus the regional counts leaves ${rest} people of no published region${base > 1 ? ` (${low} to ${high} with rounding)` : ''}, a group smaller than ${minCount}`,
        });
      }
    }
  }
  return out;
}
