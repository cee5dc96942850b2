/** `clusters --titles grouped`: accepted spelling variants count as one node under their label; raw titles stay the default. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { importExtract } from '../../src/ingest/import.js';
import { openStore, type Store } from '../../src/store/database.js';
import { saveVariantGroup } from '../../src/store/coding.js';
import { memoryKey } from '../../src/core/coding/memory.js';
import { openDataset } from '../../src/analyses/analysis.js';
import { runClusters } from '../../src/analyses/clusters/index.js';

let dir: string;
let store: Store;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'routeways-grouped-'));
  await generateDemoExtract(join(dir, 'extract'), { seed: 4, people: 1500 });
  store = await openStore(join(dir, 'store.duckdb'));
  await importExtract(store, join(dir, 'extract'), { name: 'demo' });
  const members = ['FLT', 'Fork Lift Truck', 'forklift licence'].map((title) => ({ titleKey: memoryKey(title), title }));
  await saveVariantGroup(store, 'qualification', 'Forklift truck licence', members, 'tester');
});

after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('grouped titles merge accepted variants into one node with their people; raw titles keep them apart; the report says which', async () => {
  const ctx = await openDataset(store, 'demo');
  const raw = await runClusters(ctx, { bootstrap: 0, restarts: 1 });
  const grouped = await runClusters(ctx, { bootstrap: 0, restarts: 1, titles: 'grouped' });
  const rawKeys = raw.detail.network.qualifications.keys;
  const groupedKeys = grouped.detail.network.qualifications.keys;
  // Titles join a group by their normalised form (case, spacing, noise words), as the coding memory matches them.
  const groupKeys = new Set(['FLT', 'Fork Lift Truck', 'forklift licence'].map(memoryKey));
  const variants = rawKeys.filter((t) => groupKeys.has(memoryKey(t)));
  assert.ok(variants.length >= 2, `the demo holds several variants: ${variants.join(', ')}`);
  assert.ok(groupedKeys.includes('Forklift truck licence'));
  for (const v of variants) assert.ok(!groupedKeys.includes(v), `${v} is grouped`);
  assert.equal(groupedKeys.length, rawKeys.length - variants.length + 1);
  // The group holds at least as many people as its largest variant, at most their sum.
  const people = (d: typeof raw.detail, t: string) => d.network.qualifications.people[d.network.qualifications.keys.indexOf(t)]!;
  const g = people(grouped.detail, 'Forklift truck licence');
  assert.ok(g >= Math.max(...variants.map((v) => people(raw.detail, v))) && g <= variants.reduce((s, v) => s + people(raw.detail, v), 0));
  assert.equal(grouped.results.settings.titles, 'grouped');
  assert.ok(grouped.results.methodNotes!.some((n) => /spelling variants/.test(n)));
  assert.equal(raw.results.settings.titles, 'raw');
});
