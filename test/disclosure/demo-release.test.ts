/**
 * The real clusters and pathways analyses on a small demo store, protected and
 * written as a release: release.json must not carry the exact, unprotected
 * counts the analyses record in their settings (people analysed, links...).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { openStore } from '../../src/store/database.js';
import { importExtract } from '../../src/ingest/import.js';
import { openDataset } from '../../src/analyses/analysis.js';
import { runClusters } from '../../src/analyses/clusters/index.js';
import { runPathways } from '../../src/analyses/pathways/index.js';
import { protect } from '../../src/core/disclosure/index.js';
import { writeRelease } from '../../src/release/files.js';
import type { Results } from '../../src/core/results.js';

let dir: string;
let clusters: Results;
let pathways: Results;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-h8-settings-'));
  await generateDemoExtract(join(dir, 'extract'), { seed: 5, people: 1500 });
  const store = await openStore(join(dir, 'store.duckdb'));
  try {
    await importExtract(store, join(dir, 'extract'), { name: 'demo' });
    clusters = (await runClusters(await openDataset(store, 'demo'), { bootstrap: 5, restarts: 2, seed: 1 })).results;
    pathways = (await runPathways(await openDataset(store, 'demo'), {})).results;
  } finally {
    store.close();
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Every number anywhere in a value. */
function numbers(x: unknown, out: number[] = []): number[] {
  if (typeof x === 'number') out.push(x);
  else if (Array.isArray(x)) for (const v of x) numbers(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) numbers(v, out);
  return out;
}

test('release.json carries the analyses options but none of the exact counts they record in their findings', async () => {
  // What the analyses found, recorded in their findings: exact and unprotected.
  const counted = ['people', 'qualifications', 'occupations', 'links', 'significantLinks', 'clusters', 'unclustered', 'modularity'];
  const found = counted.filter((k) => typeof clusters.findings![k] === 'number');
  assert.ok(found.includes('people') && found.includes('links'), 'the clusters analysis records people and links in its findings');
  const exact = found.map((k) => [k, clusters.findings![k] as number] as const);
  assert.ok(exact.some(([, v]) => v >= 10 && v % 5 !== 0), 'some recorded count is not on the rounding grid (the test could fail)');

  const release = protect([clusters, pathways]);
  const out = join(dir, 'release');
  await writeRelease(out, release, { intervalCells: 0 });
  const text = readFileSync(join(out, 'release.json'), 'utf8');
  const json = JSON.parse(text) as { settings: Record<string, Record<string, unknown>> };

  // The options are there (the method notes need them)...
  assert.equal(json.settings.clusters!.resolution, 1);
  assert.equal(json.settings.clusters!.seed, 1);
  assert.equal(json.settings.clusters!.bootstrap, 5);
  assert.ok(json.settings.pathways!.thresholds && json.settings.pathways!.mapping);
  // ...the findings are not, under any name.
  for (const k of counted) assert.ok(!(k in json.settings.clusters!), `settings.clusters.${k} is not published`);
  const allowedNumbers = new Set(numbers(json.settings));
  for (const [k, v] of exact) {
    assert.doesNotMatch(JSON.stringify(json.settings), new RegExp(`"${k}":${v}\\b`), `release.settings does not say ${k}: ${v}`);
    // No setting published holds an exact count (unless an option happens to equal it).
    const optionValues = new Set(numbers(Object.fromEntries(Object.entries(clusters.settings).filter(([key]) => !counted.includes(key)))));
    if (!optionValues.has(v)) assert.ok(!allowedNumbers.has(v), `the count ${k} = ${v} appears in release.settings`);
  }
  // People analysed is nowhere in the file as an exact count (published counts are rounded).
  const people = clusters.findings!.people as number;
  if (people % 5 !== 0) assert.doesNotMatch(text, new RegExp(`"people":\\s*${people}\\b`));
  // Nothing in pathways' settings is an unlisted key either.
  for (const k of Object.keys(json.settings.pathways!)) assert.ok(k in pathways.settings);
});
