import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateDemoExtract, type DemoExtract } from '../../src/demo/generate.js';
import { loadClassifications } from '../../src/reference/classifications.js';

type Row = Record<string, string>;
const read = (path: string): Row[] => parse(readFileSync(path, 'utf8'), { columns: true });
const tmp = () => mkdtempSync(join(tmpdir(), 'rw-demo-'));

test('the same seed gives the same bytes; another seed gives another extract', async () => {
  const [a, b, c] = [tmp(), tmp(), tmp()];
  try {
    const ra = await generateDemoExtract(a, { seed: 7, people: 1500 });
    const rb = await generateDemoExtract(b, { seed: 7, people: 1500 });
    const rc = await generateDemoExtract(c, { seed: 8, people: 1500 });
    assert.deepEqual(ra.files.map((f) => basename(f)), rb.files.map((f) => basename(f)));
    for (let i = 0; i < ra.files.length; i++) {
      assert.ok(readFileSync(ra.files[i]).equals(readFileSync(rb.files[i])), `${basename(ra.files[i])} differs between runs`);
    }
    assert.deepEqual(ra.planted, rb.planted);
    for (const f of ['people.csv', 'qualifications.csv', 'occupations.csv']) {
      assert.ok(!readFileSync(join(a, f)).equals(readFileSync(join(c, f))), `${f} is the same for seeds 7 and 8`);
    }
    assert.equal(ra.people, 1500);
    assert.equal(read(join(a, 'people.csv')).length, 1500);
  } finally {
    for (const d of [a, b, c]) rmSync(d, { recursive: true, force: true });
  }
});

test('the default demo has the structure the issue asks for', async (t) => {
  const dir = tmp();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const demo: DemoExtract = await generateDemoExtract(dir, { seed: 1 });
  const cls = loadClassifications();
  const people = read(join(dir, 'people.csv'));
  const quals = read(join(dir, 'qualifications.csv'));
  const occs = read(join(dir, 'occupations.csv'));
  assert.equal(people.length, 6000);
  assert.equal(demo.counts.qualifications, quals.length);
  assert.equal(demo.counts.occupations, occs.length);

  await t.test('people: all 9 English regions, London biggest, North East smallest, characteristics', () => {
    const byRegion = new Map<string, number>();
    for (const p of people) {
      const code = cls.matchRegion(p.region);
      assert.ok(code, `region '${p.region}' matches the shipped regions`);
      byRegion.set(code, (byRegion.get(code) ?? 0) + 1);
    }
    assert.deepEqual([...byRegion.keys()].sort(), ['EE', 'EM', 'LN', 'NE', 'NW', 'SE', 'SW', 'WM', 'YH']);
    const sizes = [...byRegion.values()];
    assert.equal(byRegion.get('LN'), Math.max(...sizes));
    assert.equal(byRegion.get('NE'), Math.min(...sizes));
    assert.ok(new Set(people.map((p) => p.region)).has('Yorkshire & Humberside (inc. S.Yorks)'));
    for (const col of ['age_band', 'sex', 'ethnicity_group', 'custody_start', 'alcohol_need', 'drugs_need', 'education_need', 'housing_need']) {
      assert.ok(col in people[0], `people.csv has ${col}`);
    }
    for (const p of people) {
      assert.match(p.custody_start, /^(true|false)$/);
      assert.match(p.housing_need, /^(true|false)$/);
      assert.match(p.sex, /^(male|female)$/);
    }
    assert.equal(new Set(people.map((p) => p.person_id)).size, people.length, 'person ids are unique');
  });

  await t.test('qualifications: spelling variants, SSA and level, one highest per person', () => {
    const titles = new Set(quals.map((q) => q.qualification));
    for (const v of ['FLT', 'Fork Lift Truck', 'forklift licence', 'CSCS', 'CSCS Card', 'Asbestos Awareness', 'ECDL', 'Driver Training']) {
      assert.ok(titles.has(v), `qualification title '${v}' present`);
    }
    let blankSsa = 0;
    for (const q of quals) {
      if (q.ssa === '') blankSsa++;
      else assert.ok(cls.matchSsa(q.ssa), `SSA '${q.ssa}' matches`);
      assert.match(q.type, /^(apprenticeship|classroom)$/);
      assert.match(q.achieved_on, /^(\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})$/);
    }
    assert.ok(blankSsa > 0 && blankSsa < quals.length * 0.2, 'some SSAs are blank, as in case systems');
    const level = (s: string) => Number(s.replace(/^Level /, ''));
    const levels = quals.map((q) => level(q.level));
    assert.ok(levels.every((l) => Number.isInteger(l) && l >= 1 && l <= 8));
    assert.ok(levels.filter((l) => l <= 3).length > 0.95 * levels.length, 'mostly levels 1-3');
    assert.ok(levels.some((l) => l >= 4), 'a few higher levels');
    assert.ok(quals.some((q) => q.type === 'apprenticeship'));

    const byPerson = new Map<string, Row[]>();
    for (const q of quals) byPerson.set(q.person_id, [...(byPerson.get(q.person_id) ?? []), q]);
    for (const [id, rows] of byPerson) {
      const highest = rows.filter((r) => r.highest === 'true');
      assert.equal(highest.length, 1, `${id} has exactly one highest qualification`);
      assert.equal(level(highest[0].level), Math.max(...rows.map((r) => level(r.level))));
      assert.ok(rows.every((r) => r.highest === 'true' || r.highest === 'false'));
    }
  });

  await t.test('occupations: SOC coded, employment types, started dates', () => {
    let blank = 0;
    for (const o of occs) {
      if (o.soc === '') blank++;
      else assert.ok(cls.matchSoc(o.soc).subMajor, `SOC '${o.soc}' gives a sub-major group`);
      assert.match(o.employment_type, /^(training|full-time|part-time)$/);
      assert.match(o.started_on, /^\d{4}-\d{2}-\d{2}$/);
    }
    assert.ok(blank < occs.length * 0.1);
    assert.deepEqual(new Set(occs.map((o) => o.employment_type)), new Set(['training', 'full-time', 'part-time']));
    assert.ok(occs.filter((o) => /^\d{4}$/.test(o.soc)).length > occs.length * 0.8, 'mostly 4-digit SOC 2020 codes');
  });

  await t.test('linkage: people with only qualifications and only occupations', () => {
    const withQ = new Set(quals.map((q) => q.person_id));
    const withO = new Set(occs.map((o) => o.person_id));
    const ids = new Set(people.map((p) => p.person_id));
    for (const id of [...withQ, ...withO]) assert.ok(ids.has(id), `${id} is in people.csv`);
    const qOnly = [...withQ].filter((id) => !withO.has(id)).length;
    const oOnly = [...withO].filter((id) => !withQ.has(id)).length;
    assert.ok(qOnly > 100 && oOnly > 50, `qualifications only ${qOnly}, occupations only ${oOnly}`);
    assert.equal(qOnly, demo.counts.linkage.qualificationsOnly);
    assert.equal(oOnly, demo.counts.linkage.occupationsOnly);
  });

  await t.test('planted: the five seed clusters, every title placed, structure strong but noisy', () => {
    for (const name of ['Process Operatives', 'Elementary Services', 'Construction & Building', 'Transport', 'Admin & Sales']) {
      assert.ok(demo.planted.clusters.includes(name), name);
      assert.ok(demo.planted.clusterSizes[name] > 200, `${name} has people`);
    }
    assert.equal(demo.planted.qualifications['FLT'], 'Elementary Services');
    assert.equal(demo.planted.qualifications['forklift licence'], 'Elementary Services');
    assert.equal(demo.planted.qualifications['CSCS Card'], 'Process Operatives');
    assert.equal(demo.planted.occupations['HGV Driver'], 'Transport');
    const generic = new Set(demo.planted.generic);
    for (const q of quals) assert.ok(q.qualification in demo.planted.qualifications || generic.has(q.qualification), q.qualification);
    for (const o of occs) assert.ok(o.occupation in demo.planted.occupations, o.occupation);
    const fileTitles = new Set(quals.map((q) => q.qualification));
    for (const title of Object.keys(demo.planted.qualifications)) assert.ok(fileTitles.has(title), `planted ${title} is in the file`);

    // Links (person holds q and entered o): most within one planted cluster, some across.
    const occsOf = new Map<string, string[]>();
    for (const o of occs) occsOf.set(o.person_id, [...(occsOf.get(o.person_id) ?? []), o.occupation]);
    let within = 0;
    let across = 0;
    for (const q of quals) {
      const qc = demo.planted.qualifications[q.qualification];
      if (!qc) continue;
      for (const o of occsOf.get(q.person_id) ?? []) {
        if (demo.planted.occupations[o] === qc) within++;
        else across++;
      }
    }
    const share = within / (within + across);
    assert.ok(share > 0.65 && share < 0.95, `share of links within a planted cluster ${share.toFixed(3)}`);

    // Long tail: many titles held by one or two people.
    const holders = new Map<string, number>();
    for (const q of quals) holders.set(q.qualification, (holders.get(q.qualification) ?? 0) + 1);
    const rare = [...holders.values()].filter((n) => n <= 2).length;
    assert.ok(rare >= 100, `${rare} qualification titles held by one or two people`);
  });

  await t.test('profiles differ by cluster and cluster mixes by region', () => {
    const pc = demo.planted.personCluster!;
    const share = (cluster: string, pred: (p: Row) => boolean) => {
      const members = people.filter((p) => pc.get(p.person_id) === cluster);
      return members.filter(pred).length / members.length;
    };
    assert.ok(share('Admin & Sales', (p) => p.sex === 'female') > 3 * share('Transport', (p) => p.sex === 'female'));
    assert.ok(share('Elementary Services', (p) => p.custody_start === 'true') > 2 * share('Admin & Sales', (p) => p.custody_start === 'true'));
    assert.ok(share('Transport', (p) => p.housing_need === 'true') > share('Elementary Services', (p) => p.housing_need === 'true'));
    const inRegion = (code: string, cluster: string) => {
      const members = people.filter((p) => cls.matchRegion(p.region) === code);
      return members.filter((p) => pc.get(p.person_id) === cluster).length / members.length;
    };
    assert.ok(inRegion('LN', 'Security') > 2 * inRegion('NE', 'Security'));
    assert.ok(inRegion('YH', 'Process Operatives') > 2 * inRegion('LN', 'Process Operatives'));
    const bame = (code: string) => {
      const members = people.filter((p) => cls.matchRegion(p.region) === code);
      return members.filter((p) => !['White', 'Not known'].includes(p.ethnicity_group)).length / members.length;
    };
    assert.ok(bame('LN') > 2 * bame('NE'));
  });

  await t.test('related.csv is the shipped DfE mapping', () => {
    const related = demo.files.find((f) => basename(f) === 'related.csv');
    assert.ok(related, 'related.csv written (data/related/dfe-2020.csv ships with the project)');
    const rows = read(related);
    assert.deepEqual(Object.keys(rows[0]), ['ssa', 'soc', 'related']);
    for (const r of rows) {
      assert.ok(cls.matchSsa(r.ssa));
      assert.ok(cls.matchSoc(r.soc).subMajor);
      assert.match(r.related, /^(yes|no)$/);
    }
  });
});

test('bad options are refused', async () => {
  const dir = tmp();
  try {
    await assert.rejects(generateDemoExtract(dir, { seed: 1, people: 0 }), /people must be/);
    await assert.rejects(generateDemoExtract(dir, { seed: 1, people: 2.5 }), /people must be/);
    await assert.rejects(generateDemoExtract(dir, { seed: 1, noise: 2 }), /noise must be/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
