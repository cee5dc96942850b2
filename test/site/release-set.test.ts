/**
 * The publish pipeline on the demo data protects all its reports as one
 * release set: the audit of the joint model of the whole published site (every
 * report's published cells, and the all-regions counts as sums of the regional
 * ones) finds no withheld cell that can be worked out.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { openStore } from '../../src/store/database.js';
import { importExtract } from '../../src/ingest/import.js';
import { publishDataset, type PublishResult } from '../../src/pipeline/publish.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { auditReleaseSet, protect, verifyRelease } from '../../src/core/disclosure/index.js';
import { writeRelease } from '../../src/release/files.js';
import { ALL, REGIONS, report } from '../disclosure/region-example.js';

const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

let dir: string;
let result: PublishResult;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-h8-publish-set-'));
  await generateDemoExtract(join(dir, 'extract'), { seed: 3, people: 3000 });
  const store = await openStore(join(dir, 'store.duckdb'));
  try {
    await importExtract(store, join(dir, 'extract'), { name: 'demo' });
    result = await publishDataset(store, 'demo', { out: join(dir, 'site'), options: { clusters: { bootstrap: 0, restarts: 2 } }, policy: { method: 'suppression' }, date: '2026-11-22' });
  } finally {
    store.close();
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the published site passes the audit of its joint model: no withheld cell can be differenced out across reports', () => {
  const { releases } = result;
  assert.ok(releases.some((r) => r.region === null) && releases.filter((r) => r.region !== null).length >= 2, 'all regions and several regions');
  // The cross-region relations are there to be audited: node, link and pathway tables say they add up.
  const all = releases.find((r) => r.region === null)!;
  const summed = all.countTables.filter((t) => t.sumsAcrossRegions).map((t) => t.id);
  assert.ok(summed.includes('clusters.node_people') && summed.includes('clusters.link_people'), summed.join());
  assert.ok(summed.some((id) => id.startsWith('pathways')), summed.join());
  const withheld = releases.reduce((s, r) => s + r.countTables.reduce((x, t) => x + t.cells.filter((c) => 'symbol' in c && c.symbol === '[c]').length, 0), 0);
  assert.ok(withheld > 0, 'some cells are withheld');

  for (const remainders of ['unknown', 'zero'] as const) {
    const audit = auditReleaseSet(releases, { remainders });
    assert.equal(audit.passed, true, `${remainders}: ${JSON.stringify(audit.derivable.slice(0, 3))}`);
    assert.ok(audit.checked > 0);
  }
  // Each report still stands alone: its release.json re-audits on its own.
  for (const r of releases) verifyRelease(JSON.parse(JSON.stringify(r)));
  for (const r of releases) assert.match(r.audit.method!, /together with the \d+ other reports/);
});

test('no report page shows a figure the joint protection withheld (spot check on the all-regions node counts)', () => {
  const all = result.releases.find((r) => r.region === null)!;
  const nodes = all.countTables.find((t) => t.id === 'clusters.node_people')!;
  const withheld = new Set(nodes.cells.filter((c) => 'symbol' in c).map((c) => c.keys[0]!));
  for (const n of all.network?.nodes ?? []) assert.ok(!withheld.has(n.id), `withheld node ${n.id} is not on the map`);
  const page = readFileSync(result.site.reports.find((r) => r.region === null)!.page, 'utf8');
  assert.match(page, /by comparing this report with the other reports published with it/);
});

test('publish --release audits the releases together: separately protected ones that can be differenced are refused', async () => {
  const policy = { roundingBase: null, minCount: 10 };
  const separate = [protect([report(null, ALL)], policy), ...REGIONS.map(([code, c]) => protect([report(code, c)], policy))];
  const dirs: string[] = [];
  for (const [i, r] of separate.entries()) {
    const d = join(dir, 'separate', String(i));
    await writeRelease(d, r, { intervalCells: 0 });
    dirs.push(d);
  }
  const out = join(dir, 'refused-site');
  const refused = spawnSync(process.execPath, [cli, 'publish', '--release', ...dirs, '--out', out], { encoding: 'utf8' });
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /protected apart.*NE\/node_people \[node=q:welding\]/);
  assert.ok(!existsSync(join(out, 'index.html')), 'nothing published');
  // The releases of a joint publish run pass when published again from their files.
  const joint: string[] = [];
  for (const [i, r] of result.releases.entries()) {
    const d = join(dir, 'joint', String(i));
    await writeRelease(d, r, { intervalCells: 0 });
    joint.push(d);
  }
  const ok = spawnSync(process.execPath, [cli, 'publish', '--release', ...joint, '--out', join(dir, 'joint-site')], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
});
