/**
 * Register benchmark: on the sample register (726 qualifications, about 2,900
 * modules), time generating it, storing it, loading it, and each query, on
 * DuckDB and (when ROUTEWAYS_TEST_POSTGRES names a server) on PostgreSQL.
 *
 *   npm run bench:register
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { annexe3 } from '../src/core/register/queries/annexe3.js';
import { compareCoverage, coverage, gaps } from '../src/core/register/queries/coverage.js';
import { crowdedAreas, nearDuplicates } from '../src/core/register/queries/overprovision.js';
import { prerequisiteRoutes } from '../src/core/register/queries/prerequisites.js';
import { sampleRegister } from '../src/core/register/sample/generate.js';
import type { Qualification } from '../src/core/register/types.js';
import { openRegister, type RegisterTarget } from '../src/store/register/open.js';

const admin = { name: 'bench', role: 'admin' as const };

async function time<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  console.log(`  ${label.padEnd(44)} ${(performance.now() - t0).toFixed(1).padStart(9)} ms`);
  return r;
}

async function benchTarget(label: string, target: RegisterTarget): Promise<void> {
  console.log(label);
  const data = await time('generate the sample', () => sampleRegister(1));
  const store = await time('open (and migrate)', () => openRegister(target));
  try {
    await time('store the sample (replaceAll)', () => store.replaceAll(admin, data, 'bench'));
    const loaded = await time('load the whole register', () => store.load());
    await time('annexe3', () => annexe3(loaded, 'G1'));
    await time('coverage of a cluster (Early Years)', () => coverage(loaded, { kind: 'cluster', id: 'C1' }, 'F1'));
    await time('gaps for every role', () => gaps(loaded, 'F1', 'roles'));
    await time('compare the 11 clusters', () => compareCoverage(loaded, 'F1', { clusteringId: 'G1' }));
    await time('crowded areas, every role', () => crowdedAreas(loaded, 'F1'));
    await time('near-duplicates, whole register', () => nearDuplicates(loaded));
    await time('prerequisite routes, every qualification', () => loaded.qualifications.forEach((q) => prerequisiteRoutes(loaded, q.id)));
    await time('search "care"', () => store.search('care'));
    const q = (await store.get('Q100')) as Qualification;
    await time('save one edit (versioned, audited)', () => store.save(admin, { ...q, notes: 'bench' }));
  } finally {
    await store.close();
  }
}

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const dir = mkdtempSync(join(tmpdir(), 'rw-bench-register-'));
try {
  await benchTarget('DuckDB', { engine: 'duckdb', path: join(dir, 'register.duckdb') });
  const url = process.env.ROUTEWAYS_TEST_POSTGRES;
  if (url) {
    const name = `rw_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    try {
      await benchTarget('PostgreSQL', { engine: 'postgres', url: u.toString() });
    } finally {
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    }
  } else {
    console.log('PostgreSQL: skipped (set ROUTEWAYS_TEST_POSTGRES to a server, e.g. from scripts/ci-postgres.sh)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
