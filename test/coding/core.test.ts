/** The title coder's pure core: normalisation, noise, abbreviations, spelling, qualifiers, scoring, calibration. */
import { test } from 'node:test';
import { createSoc2010KeyConverter, subMajorRelations } from '../../src/core/coding/soc2010.js';
import assert from 'node:assert/strict';
import { buildAbbreviations, expandAbbreviations } from '../../src/core/coding/abbreviations.js';
import { fitCalibration, predict, calibrationTable } from '../../src/core/coding/calibration.js';
import { memoryKey } from '../../src/core/coding/memory.js';
import { removeNoise } from '../../src/core/coding/noise-words.js';
import { normaliseText, stem, tokens } from '../../src/core/coding/normalise.js';
import { createOccupationCoder } from '../../src/core/coding/occupation-coder.js';
import { qualifierFactor } from '../../src/core/coding/qualifiers.js';
import { editDistance } from '../../src/core/coding/spelling.js';
import type { IndexEntry, SocCodingData } from '../../src/core/coding/types.js';

test('normalisation: case, accents, ampersands, punctuation and plurals', () => {
  assert.equal(normaliseText('  Café  Owner & Manager (P/T) '), 'cafe owner and manager p/t');
  assert.deepEqual(tokens('Cleaners, Windows'), ['cleaner', 'window']);
  assert.deepEqual(tokens('Batteries / Coaches'), ['battery', 'coach']);
  assert.equal(stem('tradesmen'), 'tradesman');
  assert.equal(stem('bus'), 'bus', 'a word ending in -us keeps its s');
  assert.equal(stem('cscs'), 'cscs', 'an acronym without vowels is left alone');
  assert.deepEqual(tokens("Men's Hairdresser"), ['men', 'hairdresser']);
});

test('noise words are removed and named: hours, contract terms, shifts', () => {
  const d = removeNoise('Care Asst p/t - NIGHTS (agency) temp');
  assert.equal(d.text, 'care asst');
  assert.deepEqual(d.removed, ['p/t', 'nights', 'agency', 'temp']);
  assert.equal(removeNoise('Zero Hours Contract Cleaner').text, 'cleaner');
  assert.equal(memoryKey('CLEANERS (nights)'), memoryKey('cleaner'));
});

test('abbreviations expand to every meaning the list gives, multi-word ones included', () => {
  const table = buildAbbreviations([
    { abbreviation: 'HGV', meaning: 'Heavy Goods Vehicle' },
    { abbreviation: 'PC', meaning: 'Police Constable' },
    { abbreviation: 'PC', meaning: 'Personal Computer' },
    { abbreviation: 'k/p', meaning: 'kitchen porter' },
    { abbreviation: 'A1/2/3', meaning: 'Grades as used in Jobcentre Plus' },
  ]);
  assert.deepEqual(expandAbbreviations(['hgv', 'driver'], table).map((e) => e.tokens), [['heavy', 'good', 'vehicle', 'driver']]);
  assert.deepEqual(expandAbbreviations(['pc'], table).map((e) => e.tokens.join(' ')), ['police constable', 'personal computer']);
  assert.deepEqual(expandAbbreviations(['k', 'p'], table)[0].expanded, ['K P = kitchen porter']);
  assert.equal(table.meanings.has('a1 2 3'), false, 'grade lists are not expansions');
  assert.deepEqual(expandAbbreviations(['driver'], table), [], 'no abbreviation, no extra reading');
});

test('edit distance counts a swap of two letters once and stops past the bound', () => {
  assert.equal(editDistance('mangaer', 'manager', 2), 1);
  assert.equal(editDistance('recepionist', 'receptionist', 2), 1);
  assert.equal(editDistance('driver', 'drvr', 2), 2);
  assert.equal(editDistance('plumber', 'gardener', 2), 3, 'beyond the bound: max + 1');
});

test('qualifier factor: context given or not needed scores fully, a default entry nearly, others less', () => {
  assert.equal(qualifierFactor(false, false, false), 1);
  assert.equal(qualifierFactor(true, true, false), 1);
  assert.ok(qualifierFactor(true, false, true) > qualifierFactor(true, false, false));
  assert.ok(qualifierFactor(true, false, false) < 1);
});

/** A small index written here, in the ONS layout. */
function tinyIndex(): SocCodingData {
  const e = (soc: string, indexocc: string, natural: string, add = '', ind = '', d = '', see = ''): IndexEntry => ({ soc, default: d, indexocc, natural, add, ind, see });
  return {
    entries: [
      e('8222', 'Driver, fork lift truck', 'Fork lift truck driver'),
      e('8211', 'Driver, lorry', 'Lorry driver'),
      e('8212', 'Driver', 'Driver', '', 'bus service'),
      e('8214', 'Driver', 'Driver', '', 'delivery service'),
      e('8219', 'Driver', 'Driver', '', '', 'M'),
      e('9221', 'Cleaner', 'Cleaner', 'windows'),
      e('9223', 'Cleaner', 'Cleaner', '', 'offices', 'O'),
      e('9129', 'Labourer', 'Labourer', '', 'building construction'),
      e('9111', 'Labourer', 'Labourer', '', 'agriculture'),
      e('6135', 'Assistant, care', 'Care assistant'),
      e('', 'Advisor', 'Advisor', '', '', '', 'see Adviser'),
      e('7219', 'Adviser, customer service', 'Customer service adviser'),
    ],
    unitGroups: ['8222', '8211', '8212', '8214', '8219', '9221', '9223', '9129', '9111', '6135', '7219'].map((code) => ({ code, title: `Unit ${code}` })),
    relatedTitles: [],
    abbreviations: [
      { abbreviation: 'FLT', meaning: 'fork lift truck' },
      { abbreviation: 'asst', meaning: 'assistant' },
    ],
    relations: [],
  };
}

test('the coder matches natural and reverse word order exactly, and expands abbreviations and corrects spelling', () => {
  const coder = createOccupationCoder(tinyIndex());
  const natural = coder.code('Fork Lift Truck Driver');
  assert.equal(natural.code, '8222');
  assert.deepEqual(natural.reasons, ['exact']);
  const reverse = coder.code('Driver, fork lift truck');
  assert.equal(reverse.code, '8222');
  assert.deepEqual(reverse.reasons, ['reverse-order']);
  const flt = coder.code('FLT drvier p/t');
  assert.equal(flt.code, '8222');
  assert.ok(flt.reasons.includes('abbreviation') && flt.reasons.includes('fuzzy') && flt.reasons.includes('noise-removed'), flt.reason);
  assert.equal(coder.code('care asst').code, '6135');
  assert.equal(coder.code('Customer Service Advisor').code, '7219', "the index's see-entry respells advisor as adviser");
});

test('qualifiers: the title`s other words choose the qualified entry; without them the default entry', () => {
  const coder = createOccupationCoder(tinyIndex());
  const bus = coder.code('bus service driver');
  assert.equal(bus.code, '8212');
  assert.ok(bus.reasons.includes('qualifier'), bus.reason);
  assert.equal(coder.code('windows cleaner').code, '9221');
  const office = coder.code('offices cleaner');
  assert.equal(office.code, '9223');
  const bare = coder.analyse('Driver');
  assert.equal(bare.candidates[0].code, '8219', 'the M default entry wins when no context is given');
  assert.ok(bare.candidates[0].score > bare.candidates[1].score);
});

test('scoring prefers the entry whose title covers the words, and alternatives come with lower confidence', () => {
  const coder = createOccupationCoder(tinyIndex());
  const a = coder.analyse('lorry driver');
  assert.equal(a.candidates[0].code, '8211');
  assert.equal(a.candidates[0].score, 1);
  assert.ok(a.candidates.slice(1).every((c) => c.score < 1));
  const coded = coder.code('lorry driver');
  assert.ok(coded.alternatives.length > 0 && coded.alternatives.every((x) => x.confidence < coded.confidence));
  const none = coder.code('zzzz qqqq');
  assert.equal(none.code, null);
  assert.equal(none.decision, 'review');
});

test('a title the index codes only with a qualifier is ambiguous and goes to review', () => {
  const coder = createOccupationCoder(tinyIndex(), { threshold: 0 });
  const l = coder.code('Labourer');
  assert.equal(l.decision, 'review');
  assert.ok(l.reasons.includes('ambiguous'), l.reason);
  assert.equal(coder.code('building construction labourer').decision, 'auto', 'with its industry it is clear');
});

test('the coding memory is applied before anything else', () => {
  const coder = createOccupationCoder(tinyIndex());
  const memory = new Map([[memoryKey('Labourer'), { code: '9129', decidedBy: 'ana', decidedAt: '2026-01-02T10:00:00.000Z' }]]);
  const r = coder.code('LABOURER (temp)', memory);
  assert.equal(r.code, '9129');
  assert.equal(r.decision, 'auto');
  assert.match(r.reason, /coding memory: 9129 set by ana on 2026-01-02/);
});

test('calibration: a logistic fit recovers a monotone relation and the reliability table counts each band', () => {
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const x = i / 400;
    rows.push({ features: { score: x }, correct: (i * 7919) % 400 < x * 400 });
  }
  const model = fitCalibration(rows, ['score']);
  assert.ok(model.weights[0] > 0);
  assert.ok(predict(model, { score: 0.9 }) > 0.75 && predict(model, { score: 0.1 }) < 0.25);
  const bands = calibrationTable([
    { confidence: 95, correct: true },
    { confidence: 92, correct: false },
    { confidence: 10, correct: false },
  ]);
  const top = bands.find((b) => b.from === 90)!;
  assert.equal(top.titles, 2);
  assert.equal(top.observed, 0.5);
});

test('SOC 2010 sub-major groups convert by the relationship table summed with its people; a unit group it lacks by its sub-major group', () => {
  const relations = [
    { soc2010: '8211', soc2020: '8211', share: 0.9, people: 900 },
    { soc2010: '8211', soc2020: '7211', share: 0.1, people: 100 },
    { soc2010: '8212', soc2020: '8212', share: 1, people: 1000 },
  ];
  const sub = subMajorRelations(relations);
  const share = (to: string) => sub.find((r) => r.soc2010 === '82' && r.soc2020 === to)!.share;
  assert.equal(share('82'), 0.95);
  assert.equal(share('72'), 0.05);
  const convert = createSoc2010KeyConverter(relations, new Map(), new Map([['82', 'Transport and mobile machine drivers and operatives']]));
  assert.deepEqual([convert('8211')!.code, convert('8211')!.confidence], ['8211', 90]);
  assert.deepEqual([convert('82')!.code, convert('82')!.confidence, convert('82')!.alternatives[0].code], ['82', 95, '72']);
  const lacking = convert('8299')!;
  assert.deepEqual([lacking.soc2010, lacking.code], ['8299', '82']);
  assert.equal(convert('71'), null);
  assert.equal(convert('821'), null);
});
