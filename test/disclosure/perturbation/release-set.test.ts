/**
 * The cell key method on the demo data, end to end: analyses -> perturbed
 * release set. Consistency (the same people give the same figure everywhere,
 * a rerun gives the same bytes, one more person changes only their cells),
 * utility (regional maps keep their links) and attacks written here:
 * differencing two releases that differ by one person, and a linear-programming
 * reconstruction of a small region's pathway table.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../../../src/demo/generate.js';
import { importExtract } from '../../../src/ingest/import.js';
import { openStore, type Store } from '../../../src/store/database.js';
import { openDataset } from '../../../src/analyses/analysis.js';
import { runClusters } from '../../../src/analyses/clusters/index.js';
import { runPathways } from '../../../src/analyses/pathways/index.js';
import { protectReleaseSet, type ReleaseSet } from '../../../src/core/disclosure/index.js';
import type { ProtectedRelease, PublishedCountTable } from '../../../src/core/disclosure/release.js';
import type { Results } from '../../../src/core/results.js';
import { DEFAULT_PTABLE_PARAMETERS, PerturbationLookup, generatePTable } from '../../../src/core/disclosure/perturbation/index.js';

const PERTURB = { method: 'perturbation' } as const;
/** All regions, then every region of the demo (the maps are judged over all of them: each has only a few links of 3+). */
const REGIONS = [null, 'NE', 'NW', 'YH', 'EM', 'WM', 'EE', 'LN', 'SE', 'SW'];
let dir: string;
let store: Store;
let reports: Results[][];
let set: ReleaseSet;

async function analyse(name: string, regions: Array<string | null>): Promise<Results[][]> {
  const ctx = await openDataset(store, name);
  const out: Results[][] = [];
  for (const region of regions) {
    const c = await runClusters(ctx, { bootstrap: 0, restarts: 1 }, { region });
    const p = await runPathways(ctx, {}, { region });
    out.push([c.results, p.results]);
  }
  return out;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-perturb-'));
  await generateDemoExtract(join(dir, 'extract'), { seed: 2, people: 2500 });
  // The same extract with one more person, to difference.
  cpSync(join(dir, 'extract'), join(dir, 'extract-plus'), { recursive: true });
  appendFileSync(join(dir, 'extract-plus', 'people.csv'), 'EXTRA-1,North East,25-34,male,White,false,false,false,false,false,false,false,false,false,false\n');
  appendFileSync(join(dir, 'extract-plus', 'qualifications.csv'), 'EXTRA-1,FLT,Retail and Commercial Enterprise,2,classroom,2013-02-01,true\n');
  appendFileSync(join(dir, 'extract-plus', 'occupations.csv'), 'EXTRA-1,Warehouse Operative,9252,full-time,2013-03-01,,,,,,\n');
  store = await openStore(join(dir, 'store.duckdb'));
  await importExtract(store, join(dir, 'extract'), { name: 'demo' });
  reports = await analyse('demo', REGIONS);
  set = protectReleaseSet(reports, PERTURB);
});

after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function* counts(r: ProtectedRelease): Generator<[string, number]> {
  for (const t of r.countTables) for (const c of t.cells) if ('value' in c) yield [`count table ${t.id} [${c.keys}]`, c.value];
  for (const t of r.tables) for (const row of t.rows) for (const c of row.cells) if (c.kind === 'count') yield [`table ${t.id} row ${row.id}`, c.value];
  for (const n of r.network?.nodes ?? []) yield [`node ${n.id}`, n.people];
  for (const l of r.network?.links ?? []) yield [`link ${l.source}-${l.target}`, l.people];
  for (const h of r.publication.headlines) if (h.figure?.kind === 'count') yield [`headline ${h.id}`, h.figure.value];
}

test('no published count is 1 or 2, nothing is withheld, and the releases say they are perturbed', () => {
  let n = 0;
  for (const r of set.releases) {
    assert.equal(r.policy.method, 'perturbation');
    for (const [where, v] of counts(r)) {
      n++;
      assert.ok(v === 0 || v > DEFAULT_PTABLE_PARAMETERS.forbid, `${where} publishes ${v}`);
    }
    for (const t of r.countTables) for (const c of t.cells) assert.ok(!('symbol' in c) || c.symbol !== '[c]', `${t.id} withholds a cell`);
  }
  assert.ok(n > 1000, `${n} counts checked`);
});

const cellOf = (t: PublishedCountTable | undefined, keys: string[]) => {
  const c = t?.cells.find((x) => x.keys.join('|') === keys.join('|'));
  return c && 'value' in c ? c.value : undefined;
};

test('the same people give the same figure in every table: a linked total, the map and the tables agree', () => {
  for (const r of set.releases) {
    const main = r.countTables.find((t) => /^pathways-all$/.test(t.id))!;
    const cover = r.countTables.find((t) => t.id === 'pathways-all-coverage')!;
    // Everyone analysed by the pathways is the same people in the main table's total and the coverage table.
    assert.equal(cellOf(main, main.dimensions.map(() => 'total')), cellOf(cover, ['analysed']));
    const nodes = r.countTables.find((t) => t.id === 'clusters.node_people')!;
    for (const n of r.network!.nodes) assert.equal(n.people, cellOf(nodes, [n.id]), n.id);
    const links = r.countTables.find((t) => t.id === 'clusters.link_people')!;
    for (const l of r.network!.links) assert.equal(l.people, cellOf(links, [l.source, l.target]));
  }
});

test('a rerun gives identical bytes', async () => {
  const again = protectReleaseSet(await analyse('demo', REGIONS), PERTURB);
  assert.equal(JSON.stringify(again.releases), JSON.stringify(set.releases));
});

test('every regional map draws at least 90% of the links with 3 or more people, and the mean change is within the p-table variance', () => {
  const ru = set.riskUtility;
  // MAP_TARGET: the share of links with 3+ people the regional maps must keep (issue 10). Each store has its own
  // secret, so perturbations differ from run to run: regions with few such links are judged together (35 links on
  // this demo). With the default false-zero cap 0.005 about 0.3 of them are expected to be lost, and 4 or more (a
  // failure) about once in 7,000 runs; with ptable's uncapped table 79% are expected to be drawn and this fails 96
  // runs in 100. The next test checks each region's expectation, whatever the secret.
  const MAP_TARGET = 0.9;
  const regional = ru.reports.filter((x) => x.region !== null);
  assert.equal(regional.length, REGIONS.length - 1);
  const total = regional.reduce((s, r) => s + r.mapLinks.trueThreeOrMore, 0);
  const drawn = regional.reduce((s, r) => s + r.mapLinks.drawn, 0);
  assert.ok(total >= 10, `the regions have ${total} links of 3+`);
  assert.ok(drawn / total >= MAP_TARGET, `regional maps draw ${drawn} of ${total}`);
  for (const r of regional.filter((x) => x.mapLinks.trueThreeOrMore >= 20)) {
    assert.ok(r.mapLinks.drawnShare >= MAP_TARGET, `${r.region}: ${r.mapLinks.drawn} of ${r.mapLinks.trueThreeOrMore}`);
  }
  assert.equal(ru.overall.publishedShare, 1);
  assert.ok(ru.overall.meanAbsolutePerturbation > 0 && ru.overall.meanAbsolutePerturbation <= Math.sqrt(DEFAULT_PTABLE_PARAMETERS.variance), String(ru.overall.meanAbsolutePerturbation));
  assert.ok(ru.overall.smallCountRisk!.worstPositive < 1);
});

test("whatever the store's secret, every regional map is expected to draw at least 90% of its links with 3 or more people", () => {
  // The expectation over cell keys, from the default p-table and the true counts: a link is drawn when its count and
  // both its nodes' counts are published above 0 (different people, so independent keys). Without the false-zero cap
  // (ptable's own table) the regions' maps were expected to draw 79% of these links.
  const lookup = new PerturbationLookup(generatePTable(DEFAULT_PTABLE_PARAMETERS));
  // P(published above 0): a true n goes to 0 with the share of keys of its perturbation -n (none above the table's rows).
  const shown = (n: number) => (n === 0 ? 0 : n > lookup.maxI ? 1 : 1 - (lookup.keyShares(n).get(-n) ?? 0));
  let judged = 0;
  reports.forEach(([clusters], k) => {
    if (REGIONS[k] === null) return;
    const count = (id: string) => new Map(clusters!.countTables.find((t) => t.id === id)!.cells.map((c) => [c.keys.join('|'), c.n]));
    const links = count('clusters.link_people');
    const nodes = count('clusters.node_people');
    const drawn = clusters!.network!.links
      .filter((l) => links.get(l.people.keys.join('|'))! >= 3)
      .map((l) => shown(links.get(l.people.keys.join('|'))!) * shown(nodes.get(l.source)!) * shown(nodes.get(l.target)!));
    if (drawn.length === 0) return;
    judged++;
    const expected = drawn.reduce((a, b) => a + b, 0) / drawn.length;
    assert.ok(expected >= 0.9, `${REGIONS[k]}: expected to draw ${(100 * expected).toFixed(1)}% of ${drawn.length} links`);
  });
  assert.ok(judged >= 5, `${judged} regions with links of 3+`);
});

test('one more person changes only the cells they are in; differencing the two releases does not tell which cells those are', async () => {
  await importExtract(store, join(dir, 'extract-plus'), { name: 'plus' });
  const [a] = protectReleaseSet(reports.slice(0, 1), PERTURB).releases;
  const [b] = protectReleaseSet((await analyse('plus', [null])).slice(0, 1), PERTURB).releases;
  const table = (r: ProtectedRelease, id: string) => r.countTables.find((t) => t.id === id)!;
  let theirs = 0;
  let exactlyOneMore = 0;
  for (const id of ['clusters.link_people', 'clusters.node_people']) {
    for (const c of table(b, id).cells) {
      if (!('value' in c)) continue;
      const before = cellOf(table(a, id), c.keys) ?? 0;
      const involves = c.keys.some((k) => k === 'q:FLT' || k === 'o:Warehouse Operative');
      if (!involves) assert.equal(c.value, before, `${id} [${c.keys}] changed without the extra person`);
      else {
        theirs++;
        if (c.value - before === 1) exactlyOneMore++;
      }
    }
  }
  assert.ok(theirs >= 2, `${theirs} cells hold the extra person`);
  // If every cell of theirs went up by exactly 1 an attacker would see them; the noise changes with the key.
  assert.ok(exactlyOneMore < theirs, `${exactlyOneMore} of ${theirs} of their cells went up by exactly one`);
});

test("a linear-programming reconstruction of a small region's pathway table cannot pin any cell of one person", async () => {
  const { buildPublishedModel } = await import('../../../src/core/disclosure/model.js');
  const highsLoader = ((await import('highs')) as unknown as { default: () => Promise<{ solve(lp: string, o: object): { Status: string; ObjectiveValue: number } }> }).default;
  const highs = await highsLoader();
  const k = set.releases.findIndex((r) => r.region === 'NE');
  const release = set.releases[k]!;
  const published = release.countTables.find((t) => t.id === 'pathways-all')!;
  const truth = reports[k]![1]!.countTables.find((t) => t.id === 'pathways-all')!;
  const trueN = new Map(truth.cells.map((c) => [c.keys.join('|'), c.n]));
  // A published 0 is not a true zero under perturbation (a true 1 to 5 can be published as 0): give it to the model as unknown.
  const publishedValue = new Map(published.cells.map((c) => [c.keys.join('|'), 'value' in c ? c.value : null]));
  const model = buildPublishedModel([{ key: 'p', dimensions: published.dimensions, additive: true, linkedWith: [], cells: published.cells.map((c) => ({ keys: c.keys, n: 'value' in c && c.value > 0 ? c.value : null })) }]);
  const D = DEFAULT_PTABLE_PARAMETERS.maxPerturbation;
  const v = (i: number) => `x${i}`;
  const rows: string[] = [];
  const valueOf = (c: (typeof model.cells)[number]) => publishedValue.get(c.keys.join('|'));
  model.cells.forEach((c, j) => {
    const p = valueOf(c);
    if (p === null || p === undefined || c.support.length === 0) return;
    const sum = c.support.map(v).join(' + ');
    rows.push(` l${j}: ${sum} >= ${Math.max(0, p - D)}`, ` u${j}: ${sum} <= ${p + D}`);
  });
  const bounds = Array.from({ length: model.innerCount }, (_, i) => ` ${v(i)} >= 0`).join('\n');
  const sumLp = (sense: string, support: number[]) => `${sense}\n obj: ${support.map(v).join(' + ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds}\nEnd\n`;
  let ones = 0;
  // Every published cell that truly holds one person: can the published tables, their sums and the noise bound pin it?
  for (const c of model.cells) {
    const p = valueOf(c);
    if (p === null || p === undefined || c.support.length === 0 || trueN.get(c.keys.join('|')) !== 1) continue;
    ones++;
    const lo = highs.solve(sumLp('Minimize', c.support), { output_flag: false });
    const hi = highs.solve(sumLp('Maximize', c.support), { output_flag: false });
    assert.equal(lo.Status, 'Optimal');
    const width = hi.Status === 'Optimal' ? hi.ObjectiveValue - lo.ObjectiveValue : Infinity;
    assert.ok(width >= 1, `cell [${c.keys}] of one person is pinned to [${lo.ObjectiveValue}, ${hi.ObjectiveValue}]`);
  }
  assert.ok(ones > 0, 'the region has cells of one person to attack');
});
