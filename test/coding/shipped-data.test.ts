/** The coder on the shipped ONS data (data/soc2020): SOC 2010 conversion, ambiguity, variants, SSA. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSsaCoder } from '../../src/core/coding/ssa-coder.js';
import { groupVariants } from '../../src/core/coding/variants.js';
import { codingDataDir, loadOccupationCoder, loadSoc2010Converter, readAbbreviations, readSocCodingData } from '../../src/reference/coding-index.js';
import { readClassificationData } from '../../src/reference/classifications.js';

test('the converted index has every entry, unit group and SOC 2010 relation', () => {
  const d = readSocCodingData();
  assert.equal(d.entries.length, 32195);
  assert.equal(d.unitGroups.length, 412);
  assert.equal(new Set(d.relations.map((r) => r.soc2010)).size, 369);
  for (const e of d.entries) if (e.soc) assert.ok(d.unitGroups.some((u) => u.code === e.soc) || e.soc === '', e.soc);
});

test('SOC 2010 codes convert to the most likely SOC 2020 unit group with its share as confidence', () => {
  const convert = loadSoc2010Converter();
  const c = convert('1115')!;
  assert.equal(c.code, '1111');
  assert.ok(c.confidence >= 99);
  const split = convert('1116')!;
  assert.equal(split.code, '1112');
  assert.ok(split.alternatives.some((a) => a.code === '1111'));
  assert.equal(convert('0000'), null);
});

test("titles the index calls ambiguous ('engineer', 'cleaner', 'labourer') go to review; clear ones are auto-coded", () => {
  const coder = loadOccupationCoder();
  for (const t of ['Engineer', 'cleaner', 'Labourer', 'Driver', 'Manager']) {
    const r = coder.code(t);
    assert.equal(r.decision, 'review', `${t}: ${r.reason}`);
    assert.ok(r.reasons.includes('ambiguous'), `${t}: ${r.reason}`);
  }
  for (const [t, soc] of [['fork lift truck drvr', '8222'], ['care asst p/t', '6135'], ['HGV Driver', '8211'], ['Kitchen Porter', '9263']]) {
    const r = coder.code(t);
    assert.equal(r.code, soc, `${t}: ${r.reason}`);
    assert.equal(r.decision, 'auto', `${t}: ${r.confidence} ${r.reason}`);
  }
});

test("spelling variants group under the most-held spelling: 'FLT', 'Fork Lift Truck', 'forklift licence'; 'CSCS', 'CSCS Card'", () => {
  const groups = groupVariants(
    [
      { title: 'Fork Lift Truck', people: 30 },
      { title: 'FLT', people: 12 },
      { title: 'forklift licence', people: 4 },
      { title: 'CSCS', people: 20 },
      { title: 'CSCS Card', people: 9 },
      { title: 'Health and Safety', people: 8 },
      { title: 'Health & Social Care', people: 7 },
    ],
    readAbbreviations(codingDataDir(), 'qualification'),
  );
  const flt = groups.find((g) => g.label === 'Fork Lift Truck')!;
  assert.deepEqual(flt.members.map((m) => m.title).sort(), ['FLT', 'Fork Lift Truck', 'forklift licence']);
  assert.ok(flt.confidence > 50 && flt.confidence <= 95);
  const cscs = groups.find((g) => g.label === 'CSCS')!;
  assert.deepEqual(cscs.members.map((m) => m.title), ['CSCS', 'CSCS Card']);
  assert.ok(!groups.some((g) => g.members.some((m) => m.title === 'Health and Safety') && g.members.some((m) => m.title === 'Health & Social Care')));
});

test('qualification titles get the SSA of the dataset`s coded rows, or of the words they share with them and the SSA titles', () => {
  const c = readClassificationData();
  const coder = createSsaCoder({
    tier1: c.ssaTier1,
    tier2: c.ssaTier2,
    abbreviations: readAbbreviations(codingDataDir(), 'qualification'),
    labelled: [
      { title: 'Forklift Truck Licence', ssa: '7', ssa2: '7.2', count: 20 },
      { title: 'Health and Social Care', ssa: '1', ssa2: '1.3', count: 30 },
      { title: 'Professional Cookery', ssa: '7', ssa2: '7.4', count: 10 },
    ],
  });
  const same = coder.code('health & social care');
  assert.equal(same.code, '1');
  assert.equal(same.code2, '1.3');
  assert.deepEqual(same.reasons, ['dataset']);
  const hsc = coder.code('H&SC Level 2');
  assert.equal(hsc.code, '1', hsc.reason);
  const words = coder.code('Horticulture and Forestry Skills');
  assert.equal(words.code, '3', words.reason);
  assert.equal(words.code2, '3.2');
  assert.equal(coder.code('xyzzy').decision, 'review');
});
