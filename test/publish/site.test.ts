import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protect } from '../../src/core/disclosure/protect.js';
import { writeSite } from '../../src/publish/site.js';
import { fixtureResults } from './fixture.js';

test('smoke', () => {
  const release = protect([fixtureResults('NE')], { minCount: 10, roundingBase: 5, minBase: 30 });
  const dir = mkdtempSync(join(tmpdir(), 'rw-site-'));
  const site = writeSite(dir, { dataset: 'fixture', reports: [{ release }], date: '2026-11-22' });
  console.log(site, readdirSync(join(dir, 'data', 'RS01NE')));
  console.log(JSON.stringify(release.network, null, 1).slice(0, 1500));
});
