/**
 * The static site's files, from a real protected release (protect() on a
 * small hand-made Results): datapackage valid against its CSVs, every number
 * on the pages from the release, withheld nodes and links absent from the
 * map data, escaping, GEXF, deterministic layout, report codes, the gate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { UndirectedGraph } from 'graphology';
import gexfModule from 'graphology-gexf';
import { protect } from '../../src/core/disclosure/protect.js';
import type { ProtectedRelease } from '../../src/core/disclosure/release.js';
import { formatCell, formatCount, formatInterval, formatShare } from '../../src/site/format.js';
import { layoutNetwork } from '../../src/site/layout.js';
import type { MapData } from '../../src/site/map-data.js';
import { NotPublishableError } from '../../src/site/publishable.js';
import { ALL_REGIONS_CODE, regionReport } from '../../src/reference/regions.js';
import { writeSite } from '../../src/site/site.js';
import { networkGexf, type DataPackage } from '../../src/site/downloads.js';
import { fixtureResults, SMALL_LINK, SMALL_QUALIFICATION, UNPROTECTED_PEOPLE } from './fixture.js';

const gexf = ((gexfModule as { default?: unknown }).default ?? gexfModule) as typeof import('graphology-gexf');
const POLICY = { minCount: 10, roundingBase: 5, minBase: 30 };

function makeSite() {
  const ne = protect([fixtureResults('NE')], POLICY);
  const all = protect([fixtureResults(null)], POLICY);
  const dir = mkdtempSync(join(tmpdir(), 'rw-site-'));
  const site = writeSite(dir, { dataset: 'fixture', reports: [{ release: ne }, { release: all }], date: '2026-11-22' });
  return { dir, site, ne, all };
}

function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

const NUMBER = /\d(?:[\d,]*\d)?(?:\.\d+)?%?/g;
const numbersIn = (s: string): string[] => s.match(NUMBER) ?? [];

test('report codes are stable and documented: data/regions.csv report_code, RS01 + code otherwise, RS01ALL for all', () => {
  assert.equal(regionReport('NE').code, 'RS01NE');
  assert.equal(regionReport('YH').code, 'RS01YH');
  assert.equal(regionReport('EE').code, 'RS01EE');
  assert.equal(regionReport('WA').code, 'RS01WA');
  assert.equal(regionReport(null).code, ALL_REGIONS_CODE);
  assert.equal(regionReport('NE').name, 'North East');
});

test('the site has an index, one page per release, CSVs, network files and a datapackage', () => {
  const { dir, site } = makeSite();
  try {
    assert.ok(existsSync(join(dir, 'index.html')));
    assert.deepEqual(site.reports.map((r) => r.code), ['RS01ALL', 'RS01NE']);
    for (const r of site.reports) {
      assert.ok(existsSync(r.page));
      assert.ok(existsSync(join(dir, 'data', r.code, 'network.json')));
      assert.ok(existsSync(join(dir, 'data', r.code, 'network.gexf')));
    }
    assert.ok(existsSync(join(dir, 'assets', 'map.js')));
    const index = readFileSync(site.index, 'utf8');
    assert.match(index, /href="reports\/RS01NE.html"/);
    assert.match(index, /<th scope="row">RS01ALL<\/th>/);
    assert.match(index, /<caption[ >]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('datapackage.json describes every CSV: fields match headers, values match types or are GSS symbols, labels present', () => {
  const { dir, ne, all } = makeSite();
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
    assert.equal(pkg.profile, 'data-package');
    assert.match(pkg.name, /^[a-z0-9._-]+$/);
    const names = new Set<string>();
    const csvResources = pkg.resources.filter((r) => r.format === 'csv');
    assert.equal(csvResources.length, ne.tables.length + all.tables.length);
    for (const r of pkg.resources) {
      assert.match(r.name, /^[a-z0-9._-]+$/, `resource name ${r.name}`);
      assert.ok(!names.has(r.name), `duplicate resource ${r.name}`);
      names.add(r.name);
      assert.ok(existsSync(join(dir, r.path)), `missing ${r.path}`);
      for (const k of ['source', 'regularity', 'date', 'classification', 'spatialAvailability'] as const) assert.ok(r.labels[k], `${r.name} label ${k}`);
    }
    for (const r of csvResources) {
      const schema = r.schema!;
      assert.deepEqual(schema.missingValues, ['', '[c]', '[x]', '[z]', '[low]']);
      const rows = parseCsv(readFileSync(join(dir, r.path), 'utf8'), { bom: true }) as string[][];
      assert.deepEqual(rows[0], schema.fields.map((f) => f.name), `${r.path} header`);
      for (const row of rows.slice(1)) {
        assert.equal(row.length, schema.fields.length);
        row.forEach((v, i) => {
          if (schema.missingValues.includes(v)) return;
          const t = schema.fields[i].type;
          if (t === 'integer') assert.match(v, /^-?\d+$/, `${r.path} ${schema.fields[i].name}: ${v}`);
          if (t === 'number') assert.ok(Number.isFinite(Number(v)), `${r.path} ${schema.fields[i].name}: ${v}`);
        });
      }
    }
    // Withheld cells are written as symbols, never as numbers.
    const members = readFileSync(join(dir, 'data', 'RS01NE', 'fx.members.csv'), 'utf8');
    assert.match(members, /Rare certificate,\[c\]/);
    assert.match(members, /"Qualification or occupation",|Qualification or occupation,/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every number on a report page comes from the protected release (values, policy, settings, labels) or the date', () => {
  const { dir, site, ne } = makeSite();
  try {
    const html = readFileSync(site.reports.find((r) => r.code === 'RS01NE')!.page, 'utf8');
    const allowed = new Set<string>();
    const addText = (s: string | undefined) => numbersIn(s ?? '').forEach((n) => allowed.add(n));
    for (const t of ne.tables) {
      [t.title, t.caption, ...(t.notes ?? []), ...t.columns.map((c) => c.label)].forEach(addText);
      for (const r of t.rows)
        for (const c of r.cells) {
          addText(formatCell(c));
          addText(formatInterval(c) ?? '');
        }
    }
    const net = ne.network!;
    for (const n of net.nodes) {
      allowed.add(formatCount(n.people));
      addText(n.label);
      if (n.confidence !== undefined) allowed.add(`${Math.round(n.confidence * 100)}%`);
    }
    for (const l of net.links) allowed.add(formatCount(l.people));
    for (const c of net.clusters) {
      addText(c.name);
      if (c.people !== null) allowed.add(formatCount(c.people));
    }
    // Counts of things the release holds (clusters, nodes and links shown or left out).
    [net.clusters.length, net.nodes.length, net.links.length, net.omitted.nodes, net.omitted.links].forEach((n) => allowed.add(formatCount(n)));
    [ne.policy.minCount, ne.policy.minBase, ne.policy.roundingBase ?? 0].forEach((n) => allowed.add(formatCount(n)));
    // Settings shown: resolution 1 and seed 7 (not what the analysis found, such as exact people counts).
    addText('1 7');
    addText(JSON.stringify(ne.labels));
    addText(`2026-11-22 RS01NE ${regionReport('NE').gssCode}`);
    // Fixed wording of the method notes.
    addText('95% confidence intervals; 100%; key 0 resets the view');
    const found = numbersIn(pageText(html));
    assert.ok(found.length > 10, 'the page shows numbers');
    const stray = found.filter((n) => !allowed.has(n));
    assert.deepEqual(stray, [], `numbers on the page that are not in the release: ${stray.join(' ')}`);
    assert.ok(!pageText(html).includes(String(UNPROTECTED_PEOPLE)), 'unprotected counts recorded in settings are not shown');
    assert.match(html, /<dt>Random seed<\/dt><dd>7<\/dd>/);
    // And the published people figure is there.
    assert.ok(found.includes(formatCount(net.clusters[0].people!)));
    assert.ok(html.includes(formatShare((ne.tables[0].rows[0].cells[2] as { value: number }).value)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('withheld nodes and links are absent from the map data and the network downloads; the page says how many', () => {
  const { dir, site, ne } = makeSite();
  try {
    const page = readFileSync(site.reports.find((r) => r.code === 'RS01NE')!.page, 'utf8');
    const json = page.match(/<script type="application\/json" id="routeways-map-data">([\s\S]*?)<\/script>/)![1];
    const map = JSON.parse(json) as MapData;
    const ids = new Set(map.nodes.map((n) => n.id));
    assert.ok(!ids.has(SMALL_QUALIFICATION));
    assert.ok(!map.links.some((l) => l.source === SMALL_LINK[0] && l.target === SMALL_LINK[1]));
    assert.ok(map.omitted.nodes >= 1 && map.omitted.links >= 2);
    assert.deepEqual(map.omitted, ne.network!.omitted);
    for (const l of map.links) assert.ok(ids.has(l.source) && ids.has(l.target));
    assert.ok(!page.includes('Rare certificate</option>'), 'withheld node not offered in the search');
    const fileJson = JSON.parse(readFileSync(join(dir, 'data', 'RS01NE', 'network.json'), 'utf8')) as MapData;
    assert.deepEqual(fileJson, map);
    const g = gexf.parse(UndirectedGraph, readFileSync(join(dir, 'data', 'RS01NE', 'network.gexf'), 'utf8'));
    assert.equal(g.order, map.nodes.length);
    assert.equal(g.size, map.links.length);
    // Edge ids are the file's own (e0, e1, ...), not a count of the edges the process made before: the same network gives the same file.
    assert.deepEqual(g.edges().slice(0, 2), ['e0', 'e1']);
    assert.equal(networkGexf(map), readFileSync(join(dir, 'data', 'RS01NE', 'network.gexf'), 'utf8'));
    assert.ok(!g.hasNode(SMALL_QUALIFICATION));
    assert.equal(g.getNodeAttribute('q:cscs', 'people'), map.nodes.find((n) => n.id === 'q:cscs')!.people);
    assert.match(page, /1 qualification or occupation and 2 links are not shown/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('labels are escaped in the page and cannot close the map data script', () => {
  const { dir, site } = makeSite();
  try {
    const page = readFileSync(site.reports[1].page, 'utf8');
    assert.ok(page.includes('Forklift truck &lt;FLT>') || page.includes('Forklift truck &lt;FLT&gt;'));
    const json = page.match(/id="routeways-map-data">([\s\S]*?)<\/script>/)![1];
    assert.ok(!json.includes('<'), 'no raw < inside the JSON block');
    assert.ok(json.includes('\\u003cFLT>'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tables have captions, column headers with scope, row headers, standard labels and a CSV link', () => {
  const { dir, site } = makeSite();
  try {
    const page = readFileSync(site.reports[1].page, 'utf8');
    const tables = page.match(/<table[\s\S]*?<\/table>/g)!;
    assert.ok(tables.length >= 2);
    for (const t of tables) {
      assert.match(t, /<caption/);
      assert.match(t, /<th scope="col"/);
      assert.match(t, /<th scope="row"/);
    }
    for (const label of ['Source', 'Regularity of publication', 'Date', 'Classification', 'Spatial availability']) assert.ok(page.includes(`<dt>${label}</dt>`), label);
    assert.match(page, /href="..\/data\/RS01NE\/fx.summary.csv"/);
    // Each table is labelled with its own analysis.
    assert.ok(page.includes('<dd>Routeways clusters analysis of the outcome extract &quot;fixture&quot;</dd>') || page.includes('<dd>Routeways clusters analysis of the outcome extract "fixture"</dd>'));
    assert.match(page, /<abbr title="Confidential: withheld to protect the people behind the figure">\[c\]<\/abbr>/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the layout is deterministic for a seed and differs for another seed', () => {
  const release = protect([fixtureResults('NE')], POLICY);
  const a = layoutNetwork(release.network!, 'RS01NE', 'North East', { seed: 3 });
  const b = layoutNetwork(release.network!, 'RS01NE', 'North East', { seed: 3 });
  const c = layoutNetwork(release.network!, 'RS01NE', 'North East', { seed: 4 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.nodes.map((n) => [n.x, n.y]), c.nodes.map((n) => [n.x, n.y]));
  for (const n of a.nodes) assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y));
  // Colours: a colour-blind-safe palette, largest cluster first.
  assert.equal(a.clusters.find((x) => x.id === 'c1')!.color, '#0072B2');
});

test('only a protected release can be published', () => {
  const release = protect([fixtureResults('NE')], POLICY);
  const forged = JSON.parse(JSON.stringify(release)) as ProtectedRelease;
  const dir = mkdtempSync(join(tmpdir(), 'rw-site-'));
  try {
    assert.throws(() => writeSite(dir, { dataset: 'fixture', reports: [{ release: forged }] }), NotPublishableError);
    assert.ok(!existsSync(join(dir, 'index.html')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('publishing refuses a folder that is not empty and not a Routeways site, and replaces an earlier site', () => {
  const release = protect([fixtureResults('NE')], POLICY);
  const dir = mkdtempSync(join(tmpdir(), 'rw-site-'));
  try {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    assert.throws(() => writeSite(dir, { dataset: 'fixture', reports: [{ release }] }), /not a site published by Routeways/);
    rmSync(join(dir, 'notes.txt'));
    writeSite(dir, { dataset: 'fixture', reports: [{ release }] });
    mkdirSync(join(dir, 'reports'), { recursive: true });
    writeFileSync(join(dir, 'reports', 'RS01XX.html'), 'stale');
    writeSite(dir, { dataset: 'fixture', reports: [{ release }] });
    assert.ok(!existsSync(join(dir, 'reports', 'RS01XX.html')), 'stale report removed');
    assert.ok(existsSync(join(dir, 'reports', 'RS01NE.html')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
