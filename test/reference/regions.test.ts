import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownRegions, matchRegion, regionReport } from '../../src/reference/regions.js';

test('a region is matched by its code, name, GSS code, report code or alias, whatever the case and spacing', () => {
  for (const spelling of ['YH', 'yh', 'Yorkshire and The Humber', 'yorkshire  and the humber', 'E12000003', 'e12000003', 'RS01YH', 'rs01yh', 'Y&H']) {
    assert.equal(matchRegion(spelling), 'YH', spelling);
  }
  // Regions without a report code in data/regions.csv are matched by the derived one too.
  assert.equal(matchRegion('RS01WA'), 'WA');
  assert.equal(matchRegion('Wales'), 'WA');
  assert.equal(matchRegion('Atlantis'), null);
  assert.equal(matchRegion(''), null);
});

test('every shipped region round-trips through its report code and its name', () => {
  for (const r of knownRegions().values()) {
    assert.equal(matchRegion(r.reportCode), r.code);
    assert.equal(matchRegion(r.name), r.code);
    assert.equal(regionReport(r.code).code, r.reportCode);
  }
});
