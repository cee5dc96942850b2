import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { DemoRandom } from '../../src/demo/random.js';
import { csvLine } from '../../src/demo/csv-writer.js';
import { allocate, buildDemoExtract } from '../../src/demo/build.js';
import { CLUSTERS, GENERIC_QUALIFICATIONS, REGIONS } from '../../src/demo/model.js';
import { loadClassifications } from '../../src/reference/classifications.js';
import { drawCareer } from '../../src/demo/careers.js';
import { isoFromDay } from '../../src/core/progression/dates.js';
import { validateHistory } from '../../src/core/progression/validate.js';
import { claim, spell } from '../progression/helpers.js';

test('DemoRandom: same seed, same stream; nearby seeds unrelated; draws in range and in proportion', () => {
  const seq = (seed: number) => Array.from({ length: 8 }, ((r) => () => r.uint32())(new DemoRandom(seed)));
  assert.deepEqual(seq(1), seq(1));
  const a = seq(1);
  const b = seq(2);
  assert.equal(a.filter((x, i) => x === b[i]).length, 0);
  const r = new DemoRandom(99);
  const counts = [0, 0, 0];
  const weights = [1, 2, 7];
  for (let i = 0; i < 50_000; i++) {
    const f = r.float();
    assert.ok(f >= 0 && f < 1);
    const k = r.int(10);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 10);
    counts[r.weightedIndex(weights)]++;
  }
  assert.ok(Math.abs(counts[0] / 50_000 - 0.1) < 0.01, `${counts}`);
  assert.ok(Math.abs(counts[2] / 50_000 - 0.7) < 0.01, `${counts}`);
});

test('csvLine quotes fields with commas, quotes and line breaks so they read back unchanged', () => {
  const fields = ['plain', 'Health, Public Services and Care', 'say "hi"', 'two\nlines', '', 'CR\r\nLF'];
  const line = csvLine(fields);
  assert.deepEqual(parse(line), [fields]);
  assert.equal(csvLine(['a', 'b']), 'a,b\n');
});

test('allocate gives exact totals in proportion', () => {
  assert.deepEqual(allocate(10, [1, 1]), [5, 5]);
  assert.deepEqual(allocate(7, [1, 1, 1]).reduce((a, b) => a + b, 0), 7);
  const sizes = allocate(6000, REGIONS.map((r) => r.size));
  assert.equal(sizes.reduce((a, b) => a + b, 0), 6000);
  assert.equal(sizes[REGIONS.findIndex((r) => r.code === 'LN')], 1200);
});

test('the model is consistent: SSA codes exist, SOC codes have sub-major groups, titles belong to one cluster', () => {
  const cls = loadClassifications();
  const owner = new Map<string, string>();
  for (const c of CLUSTERS) {
    for (const q of [...c.qualifications, ...GENERIC_QUALIFICATIONS]) assert.ok(cls.ssaTier2(q.ssa), `${q.variants[0][0]} SSA ${q.ssa}`);
    for (const r of c.rareQualifications) assert.ok(cls.ssaTier2(r.ssa), `${r.title} SSA ${r.ssa}`);
    for (const o of c.occupations) assert.ok(cls.matchSoc(o.soc).subMajor, `${o.variants[0][0]} SOC ${o.soc}`);
    for (const [t, soc] of c.rareOccupations) assert.ok(cls.matchSoc(soc).subMajor, `${t} SOC ${soc}`);
    const titles = [
      ...c.qualifications.flatMap((q) => q.variants.map(([t]) => `q:${t}`)),
      ...c.rareQualifications.map((r) => `q:${r.title}`),
      ...c.occupations.flatMap((o) => o.variants.map(([t]) => `o:${t}`)),
      ...c.rareOccupations.map(([t]) => `o:${t}`),
    ];
    for (const t of titles) {
      const had = owner.get(t);
      assert.ok(had === undefined || had === c.name, `${t} is in ${had} and ${c.name}`);
      owner.set(t, c.name);
    }
  }
  for (const g of GENERIC_QUALIFICATIONS) for (const [t] of g.variants) assert.ok(!owner.has(`q:${t}`), `generic ${t} is also in a cluster`);
  for (const r of REGIONS) for (const [name] of r.entered) assert.equal(cls.matchRegion(name), r.code, name);
});

test('tiny extracts work and keep one highest per person', () => {
  for (const people of [1, 5, 40]) {
    const quals: string[][] = [];
    let n = 0;
    const { counts } = buildDemoExtract({ seed: 3, people }, loadClassifications(), {
      person: () => n++,
      qualification: (f) => quals.push(f),
      occupation: () => undefined,
      benefit: () => undefined,
    });
    assert.equal(n, people);
    assert.equal(counts.people, people);
    const highest = new Map<string, number>();
    for (const q of quals) highest.set(q[0], (highest.get(q[0]) ?? 0) + (q[6] === 'true' ? 1 : 0));
    for (const [id, h] of highest) assert.equal(h, 1, id);
  }
});

test('careers: the drawn rows stay as drawn, spells and claims never overlap, construction starters in elementary jobs move to skilled trades', () => {
  const start = Date.UTC(2012, 4, 1) / 86_400_000;
  const po = CLUSTERS.find((c) => c.name === 'Process Operatives')!;
  const trades = CLUSTERS.find((c) => c.name === 'Construction & Building')!;
  const labourer = { title: 'Labourer', socText: '9129', soc: '9129', employment: 'full-time', start };
  const rng = new DemoRandom(5);
  const moved = { '5': 0, '7': 0 };
  const runs = 2000;
  for (const ssa of ['5', '7'] as const) {
    for (let i = 0; i < runs; i++) {
      const jobs = i % 3 === 0 ? [labourer, { ...labourer, title: 'Machine Operator', socText: '8139', soc: '8139', start: start + 200 }] : [labourer];
      const career = drawCareer(rng, { jobs, anchor: { ssa, apprenticeship: false }, cluster: po, trades });
      career.spells.slice(0, jobs.length).forEach((s, k) => assert.deepEqual([s.title, s.socText, s.employment, s.start], [jobs[k].title, jobs[k].socText, jobs[k].employment, jobs[k].start]));
      const history = {
        spells: career.spells.map((s) => spell({ from: isoFromDay(s.start), to: s.end === null ? null : isoFromDay(s.end), soc: s.socText.slice(0, 2), pay: Number(s.pay), per: s.period, hours: s.hours })),
        claims: career.claims.map(([a, b]) => claim(isoFromDay(a), b === null ? null : isoFromDay(b))),
      };
      assert.deepEqual(validateHistory(history), [], JSON.stringify(career));
      const later = career.spells.slice(jobs.length);
      if (later.some((s) => s.socText.startsWith('53'))) moved[ssa]++;
    }
  }
  // 0.7 of construction starters, less the 6% who leave work first; nobody else moves into construction trades.
  assert.ok(moved['5'] / runs > 0.6 && moved['5'] / runs < 0.72, `construction starters moved: ${moved['5'] / runs}`);
  assert.equal(moved['7'], 0);
});
