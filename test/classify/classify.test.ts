import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseKey } from '../../src/core/classify/normalise.js';
import { loadClassifications, readClassificationData, dataDir } from '../../src/reference/classifications.js';

const c = loadClassifications();

test('normaliseKey ignores case, spacing, punctuation and reads & as and', () => {
  assert.equal(normaliseKey('  Yorkshire & Humberside (inc. S.Yorks) '), 'yorkshire and humberside inc s yorks');
  assert.equal(normaliseKey('Fork-Lift  Truck'), normaliseKey('fork lift truck'));
  assert.equal(normaliseKey('Health, Public Services and Care'), normaliseKey('health public services & care'));
  assert.equal(normaliseKey('Café'), 'cafe');
  assert.notEqual(normaliseKey('Forklift'), normaliseKey('Fork lift'));
});

test('shipped data has the published counts and no ambiguous keys', () => {
  const d = readClassificationData();
  assert.equal(d.regions.length, 12);
  assert.equal(d.regions.filter((r) => r.gssCode.startsWith('E12')).length, 9);
  assert.equal(d.ssaTier1.length, 15);
  assert.ok(d.ssaTier2.length >= 45);
  for (const t2 of d.ssaTier2) {
    assert.ok(d.ssaTier1.some((t1) => t1.code === t2.parent), `tier 2 ${t2.code} has a tier 1 parent`);
    assert.ok(t2.code.startsWith(`${t2.parent}.`), `tier 2 ${t2.code} sits under ${t2.parent}`);
  }
  for (const v of ['2010', '2020'] as const) {
    assert.equal(d.soc[v].major.length, 9);
    assert.equal(d.soc[v].subMajor.length, 25);
    for (const g of d.soc[v].subMajor) assert.equal(g.code[0], g.parent);
  }
  assert.deepEqual(c.conflicts, []);
  assert.match(dataDir(), /data$/);
});

test('regions match by code, name, GSS code, report code and alias', () => {
  const cases: [string, string][] = [
    ['YH', 'YH'],
    ['yh', 'YH'],
    ['Yorkshire and The Humber', 'YH'],
    ['Yorkshire & Humberside (inc. S.Yorks)', 'YH'],
    ['YORKSHIRE AND HUMBERSIDE (INC S YORKS)', 'YH'],
    ['E12000003', 'YH'],
    ['RS01YH', 'YH'],
    ['North West (inc. Merseyside)', 'NW'],
    ['South West (inc. Cornwall)', 'SW'],
    ['East of England', 'EE'],
    ['Eastern', 'EE'],
    ['London', 'LN'],
    ['E12000007', 'LN'],
    ['north  east', 'NE'],
    ['Wales', 'WA'],
    ['W92000004', 'WA'],
    ['Scotland', 'SC'],
    ['Northern Ireland', 'NI'],
    ['N92000002', 'NI'],
  ];
  for (const [value, code] of cases) assert.equal(c.matchRegion(value), code, value);
  assert.equal(c.matchRegion('Narnia'), null);
  assert.equal(c.matchRegion(''), null);
  assert.equal(c.matchRegion(null), null);
  assert.equal(c.region('LN')?.gssCode, 'E12000007');
  assert.equal(c.region('EE')?.reportCode, 'RS01EE');
  assert.equal(c.region('WA')?.reportCode, null);
});

test('SSA matches tier 1 by number, tier 2 number, title, tier 2 title and DfE label', () => {
  const cases: [string, string][] = [
    ['4', '4'],
    ['04', '4'],
    ['4.1', '4'],
    ['15.2', '15'],
    ['SSA 7', '7'],
    ['Engineering and Manufacturing Technologies', '4'],
    ['engineering & manufacturing technologies', '4'],
    ['Construction, Planning and the Built Environment', '5'],
    ['construction planning & the built environment', '5'],
    ['Warehousing and Distribution', '7'],
    ['ICT for Users', '6'],
    ['ICT', '6'],
    ['retail', '7'],
    ['Preparation for Life and Work', '14'],
    ['7.2 Warehousing and Distribution', '7'],
    ['14 - Preparation for Life and Work', '14'],
    // LARS writes two decimals.
    ['4.00', '4'],
    ['4.10', '4'],
    ['15.50', '15'],
    ['01.1', '1'],
    ['Digital Technology (users)', '6'],
    ['History, philosophy, theology', '10'],
  ];
  for (const [value, code] of cases) assert.equal(c.matchSsa(value), code, value);
  for (const bad of ['16', '0', '4.9', '4.90', 'Basket weaving', '', '   ']) assert.equal(c.matchSsa(bad), null, bad);
  assert.equal(c.matchSsaTier2('4.1'), '4.1');
  assert.equal(c.matchSsaTier2('4.30'), '4.3');
  assert.equal(c.matchSsaTier2('4.00'), null);
  assert.equal(c.matchSsaTier2('Digital technology (practitioners)'), '6.1');
  assert.equal(c.matchSsaTier2('Warehousing & Distribution'), '7.2');
  assert.equal(c.matchSsaTier2('4'), null);
  assert.equal(c.ssaTier1('15')?.title, 'Business, Administration and Law');
});

test('SOC codes of 1 to 4 digits give sub-major and major groups', () => {
  assert.deepEqual(c.matchSoc('8222'), { soc: '8222', subMajor: '82', major: '8' });
  assert.deepEqual(c.matchSoc(' 822 '), { soc: '822', subMajor: '82', major: '8' });
  assert.deepEqual(c.matchSoc('92'), { soc: '92', subMajor: '92', major: '9' });
  assert.deepEqual(c.matchSoc('5'), { soc: '5', subMajor: null, major: '5' });
  assert.deepEqual(c.matchSoc('8222/01'), { soc: '8222', subMajor: '82', major: '8' });
  assert.deepEqual(c.matchSoc('SOC 8222'), { soc: '8222', subMajor: '82', major: '8' });
  assert.deepEqual(c.matchSoc('SOC2020: 8222'), { soc: '8222', subMajor: '82', major: '8' });
  assert.deepEqual(c.matchSoc('8222.0'), { soc: '8222', subMajor: '82', major: '8' });
  assert.deepEqual(c.matchSoc('8222 Fork-lift truck drivers'), { soc: '8222', subMajor: '82', major: '8' });
  // Codes outside the classification keep their digits but resolve to nothing.
  assert.deepEqual(c.matchSoc('1999'.replace('1', '0')), { soc: '0999', subMajor: null, major: null });
  assert.deepEqual(c.matchSoc('13'), { soc: '13', subMajor: null, major: null });
  assert.deepEqual(c.matchSoc(''), { soc: null, subMajor: null, major: null });
  assert.deepEqual(c.matchSoc('astronaut'), { soc: null, subMajor: null, major: null });
});

test('SOC titles of both versions match', () => {
  assert.deepEqual(c.matchSoc('Transport and mobile machine drivers and operatives'), { soc: null, subMajor: '82', major: '8' });
  assert.deepEqual(c.matchSoc('Teaching and educational professionals'), { soc: null, subMajor: '23', major: '2' });
  assert.deepEqual(c.matchSoc('Teaching and other educational professionals'), { soc: null, subMajor: '23', major: '2' });
  assert.deepEqual(c.matchSoc('Skilled metal electrical & electronic trades'), { soc: null, subMajor: '52', major: '5' });
  assert.deepEqual(c.matchSoc('Elementary occupations'), { soc: null, subMajor: null, major: '9' });
  assert.deepEqual(c.matchSoc('Associate professional and technical occupations'), { soc: null, subMajor: null, major: '3' });
  assert.deepEqual(c.matchSoc('Associate professional occupations'), { soc: null, subMajor: null, major: '3' });
  assert.equal(c.socSubMajor('23', '2010')?.title, 'Teaching and educational professionals');
  assert.equal(c.socSubMajor('23')?.title, 'Teaching and other educational professionals');
  assert.equal(c.socMajor('3', '2010')?.title, 'Associate professional and technical occupations');
});

test('loadClassifications reads a given folder and reports bad files clearly', async () => {
  const { mkdtempSync, cpSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'rw-classify-'));
  try {
    cpSync(dataDir(), dir, { recursive: true });
    writeFileSync(join(dir, 'ssa-tier1.csv'), 'code,title,aliases\n1,,\n');
    assert.throws(() => loadClassifications(dir), (err: Error) => {
      assert.equal(err.name, 'InputError');
      assert.match(err.message, /empty 'title'/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every shipped title and alias matches whatever its case, spacing and punctuation', async () => {
  const fc = (await import('fast-check')).default;
  const d = readClassificationData();
  const cases: [string, (v: string) => string | null, string][] = [
    ...d.regions.flatMap((r) => [r.name, ...r.aliases].map((t) => [t, c.matchRegion, r.code] as [string, (v: string) => string | null, string])),
    ...d.ssaTier1.flatMap((s) => [s.title, ...s.aliases].map((t) => [t, c.matchSsa, s.code] as [string, (v: string) => string | null, string])),
    ...d.ssaTier2.flatMap((s) => [s.title, ...s.aliases].map((t) => [t, c.matchSsa, s.parent] as [string, (v: string) => string | null, string])),
    ...d.soc['2020'].subMajor.map((g) => [g.title, (v: string) => c.matchSoc(v).subMajor, g.code] as [string, (v: string) => string | null, string]),
    ...d.soc['2010'].subMajor.map((g) => [g.title, (v: string) => c.matchSoc(v).subMajor, g.code] as [string, (v: string) => string | null, string]),
  ];
  // Mangle a title the way people type it: random case, doubled spaces, stray punctuation, & for and.
  const mangle = (title: string, bits: number[]) =>
    title
      .replace(/\band\b/gi, (m) => (bits[0] % 2 ? '&' : m))
      .split('')
      .map((ch, i) => {
        const b = bits[(i + 1) % bits.length];
        const cased = b % 2 ? ch.toUpperCase() : ch.toLowerCase();
        return ch === ' ' ? (b % 3 === 0 ? '  ' : b % 3 === 1 ? ' - ' : ' ') : cased;
      })
      .join('') + (bits[1] % 4 === 0 ? '.' : '');
  fc.assert(
    fc.property(fc.constantFrom(...cases), fc.array(fc.nat(11), { minLength: 2, maxLength: 12 }), ([title, match, code], bits) => {
      assert.equal(match(mangle(title, bits)), code, `${title} -> ${mangle(title, bits)}`);
    }),
    { numRuns: 500, seed: 42 },
  );
});
