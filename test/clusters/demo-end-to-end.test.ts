/**
 * End to end on the demo extract: generate it (src/demo), import it into a
 * temporary store (src/ingest), run the clusters analysis and the
 * `routeways clusters` command, and check that the planted clusters come back.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoExtract, type DemoExtract } from '../../src/demo/generate.js';
import { openStore } from '../../src/store/database.js';
import { importExtract } from '../../src/ingest/import.js';
import { openDataset } from '../../src/analyses/analysis.js';
import { runClusters } from '../../src/analyses/clusters/index.js';
import { nmi } from '../../src/core/graph/nmi.js';
import type { Results } from '../../src/core/results.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
let dir: string;
let db: string;
let demo: DemoExtract;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-h4-demo-'));
  db = join(dir, 'store.duckdb');
  demo = await generateDemoExtract(join(dir, 'extract'), { seed: 11, people: 2000 });
  const store = await openStore(db);
  try {
    await importExtract(store, join(dir, 'extract'), { name: 'demo' });
  } finally {
    store.close();
  }
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const dense = (labels: string[]): number[] => {
  const m = new Map<string, number>();
  return labels.map((x) => {
    if (!m.has(x)) m.set(x, m.size);
    return m.get(x) as number;
  });
};

test('the planted clusters of the demo dataset are recovered', async () => {
  const store = await openStore(db);
  try {
    const { results, detail } = await runClusters(await openDataset(store, 'demo'), { bootstrap: 20, seed: 1 });
    const r = detail.report;
    const plantedOf = (n: { side: string; key: string }) =>
      (n.side === 'qualification' ? demo.planted.qualifications : demo.planted.occupations)[n.key] as string | undefined;

    // Every planted cluster is the majority label of the top members of exactly one of the largest clusters.
    const big = r.clusters.slice(0, demo.planted.clusters.length);
    const matched = new Set<string>();
    let agree = 0;
    let total = 0;
    for (const c of big) {
      const labels = [...c.occupations.slice(0, 5), ...c.qualifications.slice(0, 5)].map(plantedOf).filter((x): x is string => !!x);
      const votes = new Map<string, number>();
      for (const l of labels) votes.set(l, (votes.get(l) ?? 0) + 1);
      const [majority, n] = [...votes].sort((a, b) => b[1] - a[1])[0];
      matched.add(majority);
      agree += n;
      total += labels.length;
      // The top members are confidently placed.
      const conf = [...c.occupations.slice(0, 3), ...c.qualifications.slice(0, 3)].map((m) => m.confidence ?? 0);
      assert.ok(conf.reduce((s, x) => s + x, 0) / conf.length >= 0.8, `confidence of the top members of ${c.name}: ${conf}`);
    }
    assert.equal(matched.size, demo.planted.clusters.length, `clusters matched: ${[...matched]}`);
    assert.ok(agree / total >= 0.95, `top members agreeing with their cluster's planted label: ${agree}/${total}`);

    // NMI between found and planted clusters over every node with a planted cluster (long tails included).
    const found: string[] = [];
    const planted: string[] = [];
    for (const n of [...r.qualifications, ...r.occupations]) {
      const p = plantedOf(n);
      if (!p) continue;
      found.push(n.cluster);
      planted.push(p);
    }
    const score = nmi(dense(found), dense(planted));
    assert.ok(score >= 0.75, `NMI ${score}`);

    // The Results bundle is unprotected, and names each cluster after its leading occupation.
    assert.equal(results.protected, false);
    assert.equal(results.analysis, 'clusters');
    const summary = results.reportTables.find((t) => t.id === 'clusters.summary');
    assert.ok(summary);
    assert.equal(summary.rows.length, r.clusters.filter((c) => c.people > 0).length + 1);
    for (const c of big) assert.equal(c.name, c.occupations[0].label);
    // Significant links mostly join members of the same cluster.
    let same = 0;
    let sig = 0;
    const { linkStats } = detail;
    const links = detail.network.links;
    for (let i = 0; i < links.w.length; i++) {
      if (!linkStats.significant[i]) continue;
      sig++;
      if (detail.partition.rowCluster[links.q[i]] === detail.partition.colCluster[links.o[i]]) same++;
    }
    assert.ok(sig > 50 && same / sig >= 0.9, `${same} of ${sig} significant links inside clusters`);
  } finally {
    store.close();
  }
});

test('routeways clusters writes the files, marked unprotected, and a JSON summary', () => {
  const out = join(dir, 'out');
  const run = spawnSync(process.execPath, [MAIN, '--db', db, 'clusters', 'demo', '--region', 'YH', '--bootstrap', '10', '--min-people', '2', '--out', out, '--json'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const summary = JSON.parse(run.stdout) as { protected: boolean; region: string; people: number; clusters: Array<{ name: string; people: number }>; files: string[] };
  assert.equal(summary.protected, false);
  assert.equal(summary.region, 'YH');
  assert.ok(summary.people > 50 && summary.people < 2000);
  assert.ok(summary.clusters.length >= 3);
  for (const f of ['README.txt', 'results.json', 'nodes.csv', 'links.csv', 'clusters.csv', 'profiles.csv']) {
    assert.ok(existsSync(join(out, f)), f);
    assert.ok(summary.files.includes(f));
  }
  assert.match(readFileSync(join(out, 'README.txt'), 'utf8'), /UNPROTECTED INTERNAL RESULTS/);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
  assert.equal(results.protected, false);
  assert.equal(results.region, 'YH');
  assert.equal(results.settings.bootstrap, 10);
  const nodes = readFileSync(join(out, 'nodes.csv'), 'utf8').trim().split('\n');
  assert.equal(nodes[0], 'id,side,label,cluster,cluster_name,people,people_in_cluster,share_of_cluster,confidence,core');
  assert.equal(nodes.length - 1, results.network?.nodes.length);
  // Every node kept has at least 2 people (--min-people 2).
  const people = nodes.slice(1).map((l) => Number(l.split(',').at(-5)));
  assert.ok(people.every((n) => n >= 2), 'min people');
  const clusters = readFileSync(join(out, 'clusters.csv'), 'utf8').trim().split('\n');
  assert.equal(clusters.length - 1, summary.clusters.length);
});

test('routeways clusters: usage errors exit 2, bad input exits 1', () => {
  const out = join(dir, 'bad');
  const usage = spawnSync(process.execPath, [MAIN, '--db', db, 'clusters', 'demo', '--fdr', '2', '--out', out], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--fdr must be between 0 and 1/);
  const level = spawnSync(process.execPath, [MAIN, '--db', db, 'clusters', 'demo', '--level', 'x', '--out', out], { encoding: 'utf8' });
  assert.equal(level.status, 2);
  const missing = spawnSync(process.execPath, [MAIN, '--db', db, 'clusters', 'nope', '--out', out], { encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no dataset named 'nope'/);
  assert.equal(existsSync(out), false);
});
