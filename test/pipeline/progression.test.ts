/**
 * Progression published through the one pipeline, on generated histories:
 * counts perturbed by the cell key method (no 1s or 2s), no median or mean
 * published from a base under the minimum, every release passing the audit
 * (and with suppression too), the flow, CSVs and datapackage.json entries
 * on the site; a dataset without employment histories is published without
 * progression, with a note saying why.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDataset } from '../../src/analyses/analysis.js';
import { progression, runProgression } from '../../src/analyses/progression/index.js';
import type { ProtectedRelease, PublishedCell } from '../../src/core/disclosure/release.js';
import { CellResolver } from '../../src/core/pathways/render.js';
import type { Results } from '../../src/core/results.js';
import { publishDataset, type PublishResult } from '../../src/pipeline/publish.js';
import type { Store } from '../../src/store/database.js';
import { generatedStore } from '../progression/generated.js';
import { loadHistories, person } from '../progression/helpers.js';
import { qualificationsPerPerson } from './qualifications-per-person/index.js';

const MIN_BASE = 30;
// Routes from the sector subject area: the generated titles are too many for a region's titles to reach the minimum base.
const OPTIONS = { routesFrom: 'ssa' as const };
let store: Store;
let dir: string;
let done: () => void;
let perturbed: PublishResult;

before(async () => {
  ({ store, dir, done } = await generatedStore(12000));
  perturbed = await publishDataset(store, 'hist', { out: join(dir, 'site'), regions: ['NE', 'LN'], analyses: [progression], options: { progression: OPTIONS } });
});

after(() => done());

/** Every published magnitude cell of a release against the unprotected results it came from. */
function checkMagnitudes(release: ProtectedRelease, results: Results): { shown: number; withheld: number } {
  const r = new CellResolver(results);
  let shown = 0;
  let withheld = 0;
  for (const t of results.reportTables) {
    const pt = release.tables.find((x) => x.id === t.id)!;
    t.rows.forEach((row, i) => {
      row.cells.forEach((c, j) => {
        if (c.kind !== 'stat' || !c.base) return;
        const published: PublishedCell = pt.rows[i]!.cells[j]!;
        const base = r.cell(c.base).n;
        const shownBase = pt.rows[i]!.cells[2]!;
        if (published.kind === 'stat') {
          shown++;
          assert.ok(base >= MIN_BASE, `${t.id} ${row.id}: a figure from a base of ${base}`);
          assert.ok(shownBase.kind === 'count' && shownBase.value >= MIN_BASE, `${t.id} ${row.id}: shown beside base ${JSON.stringify(shownBase)}`);
        } else {
          withheld++;
          assert.ok(published.kind === 'symbol', `${t.id} ${row.id}: ${JSON.stringify(published)}`);
        }
        if (base < MIN_BASE) assert.notEqual(published.kind, 'stat', `${t.id} ${row.id}`);
      });
    });
  }
  return { shown, withheld };
}

test('progression counts are perturbed by the cell key method: no published count is 1 or 2, and every release passes the audit', () => {
  assert.equal(perturbed.releases.length, 3);
  for (const rel of perturbed.releases) {
    assert.equal(rel.policy.method, 'perturbation');
    const tables = rel.countTables.filter((t) => t.id.startsWith('progression-'));
    assert.ok(tables.length >= 4, rel.region ?? 'all');
    let cells = 0;
    for (const t of tables) {
      for (const c of t.cells) {
        assert.ok('value' in c, `${t.id} ${c.keys}: ${JSON.stringify(c)}`);
        assert.ok(c.value === 0 || c.value > 2, `${t.id} ${c.keys}: ${c.value}`);
        cells++;
      }
    }
    assert.ok(cells > 100);
  }
  assert.ok(perturbed.audits.every((a) => a.passed));
});

test('no median or mean is published from a base under the minimum (true or published); larger bases show their rounded figure', async () => {
  const context = await openDataset(store, 'hist');
  let shown = 0;
  let withheld = 0;
  for (const rel of perturbed.releases) {
    const { results } = await runProgression(context, OPTIONS, { region: rel.region });
    const x = checkMagnitudes(rel, results);
    shown += x.shown;
    withheld += x.withheld;
  }
  assert.ok(shown > 50 && withheld > 10, `shown ${shown}, withheld ${withheld}`);
});

test('with suppression the progression release set passes the audit, and magnitudes follow the same base rule', async () => {
  const res = await publishDataset(store, 'hist', { out: join(dir, 'site-suppression'), regions: ['NE'], analyses: [progression], options: { progression: OPTIONS }, policy: { method: 'suppression' } });
  assert.ok(res.audits.every((a) => a.passed));
  const context = await openDataset(store, 'hist');
  for (const rel of res.releases) {
    assert.equal(rel.policy.method, 'suppression');
    const { results } = await runProgression(context, OPTIONS, { region: rel.region });
    checkMagnitudes(rel, results);
    for (const t of rel.countTables) for (const c of t.cells) if ('value' in c && c.value !== 0) assert.ok(c.value >= 10, `${t.id} ${c.keys}: ${c.value}`);
  }
});

test('the site has the flow diagram in each report, the progression CSVs and their datapackage.json entries', () => {
  const out = join(dir, 'site');
  const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as { resources: Array<{ path: string }> };
  for (const code of ['RS01ALL', 'RS01NE', 'RS01LN']) {
    const html = readFileSync(join(out, 'reports', `${code}.html`), 'utf8');
    assert.match(html, /data-flow-svg/, code);
    assert.match(html, /Progression after a qualification/);
    for (const t of ['progression-by-ssa', 'progression-flow', 'progression-routes']) {
      assert.ok(pkg.resources.some((r) => r.path === `data/${code}/${t}.csv`), `${code} ${t}`);
      const csv = readFileSync(join(out, 'data', code, `${t}.csv`), 'utf8');
      assert.ok(csv.split('\n').length > 3, `${code} ${t}`);
    }
  }
  assert.ok(pkg.resources.some((r) => r.path === 'data/RS01ALL/progression-by-region.csv'));
  assert.ok(!pkg.resources.some((r) => r.path === 'data/RS01NE/progression-by-region.csv'));
});

test('a dataset without employment histories is published without progression, with a note saying why', async () => {
  const people = Array.from({ length: 60 }, (_, i) =>
    person(i + 1, { region: i % 2 ? 'NE' : 'LN', quals: [{ title: `Q${i % 3}`, on: '2020-01-01', level: 2 }], spells: [{ from: null, soc: '91' }] }),
  );
  await loadHistories(store, 'undated', people);
  const res = await publishDataset(store, 'undated', { out: join(dir, 'site-undated'), regions: ['NE'], analyses: [qualificationsPerPerson, progression] });
  assert.equal(res.notes.length, 1);
  assert.match(res.notes[0]!, /^Progression after a qualification: .*no employment histories/);
  for (const rel of res.releases) assert.ok(!rel.analyses.includes('progression') && rel.analyses.includes('per-person'));
});
