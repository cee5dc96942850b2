/**
 * loadNetwork for a counts-only dataset: the same NetworkData, counted from
 * the incidence patterns a warehouse computed (count_patterns, with their
 * items) instead of from people. Node and link counts and cell keys are sums
 * over patterns, ordered exactly as the record-level SQL orders them, so the
 * clusters found are the same; the person incidence is the patterns expanded
 * by their multiplicity (src/core/graph/patterns.ts).
 *
 * What needs records is refused by name: filters on qualification fields
 * (the patterns hold titles only), occupations by SOC group, grouped titles.
 * Characteristics never leave the warehouse, so there are none to profile.
 */
import { InputError } from '../core/errors.js';
import { KEY_RANGE } from '../core/disclosure/perturbation/cell-key.js';
import { expandPatterns } from '../core/graph/patterns.js';
import type { LinkCounts } from '../core/links/significance.js';
import type { Store } from './database.js';
import { readCsr, readIntColumns, readNodes, scalar } from './network-read.js';
import type { NetworkData, NetworkFilters } from './network-types.js';

/** The filters a counts-only dataset cannot apply, named as the options that set them. */
function refused(f: NetworkFilters): string[] {
  const out: string[] = [];
  if (f.levels && f.levels.length > 0) out.push('--level');
  if (f.ssa && f.ssa.length > 0) out.push('--ssa');
  if (f.type) out.push('--type');
  if (f.from) out.push('--from');
  if (f.to) out.push('--to');
  if ((f.occupationBy ?? 'title') === 'soc') out.push('--occupation-by soc');
  if (f.titleLabels) out.push('--titles grouped');
  return out;
}

let tempCounter = 0;

async function prune(store: Store, t: { q: string; o: string; w: string }, minPeople: number): Promise<number> {
  const c = store.connection;
  let rounds = 0;
  for (;;) {
    rounds++;
    let changed = 0;
    changed += (await c.run(`DELETE FROM ${t.q} WHERE pattern NOT IN (SELECT pattern FROM ${t.o})`)).rowsChanged;
    changed += (await c.run(`DELETE FROM ${t.o} WHERE pattern NOT IN (SELECT pattern FROM ${t.q})`)).rowsChanged;
    if (minPeople > 1) {
      for (const tab of [t.q, t.o]) {
        const small = `SELECT node FROM ${tab} JOIN ${t.w} USING (pattern) GROUP BY node HAVING sum(people) < $min`;
        changed += (await c.run(`DELETE FROM ${tab} WHERE node IN (${small})`, { min: minPeople })).rowsChanged;
      }
    }
    if (changed === 0 || minPeople === 1) return rounds;
  }
}

async function readLinks(store: Store, t: Record<string, string>): Promise<{ links: LinkCounts; linkKeys: Int32Array }> {
  const pairs = `FROM ${t.q} a JOIN ${t.o} b USING (pattern) JOIN ${t.p} pp USING (pattern) JOIN ${t.qn} qn ON qn.node = a.node JOIN ${t.on} onn ON onn.node = b.node`;
  const n = await scalar(store, `SELECT count(*) AS n FROM (SELECT DISTINCT qn.idx, onn.idx ${pairs})`);
  const links: LinkCounts = { q: new Int32Array(n), o: new Int32Array(n), w: new Int32Array(n) };
  const linkKeys = new Int32Array(n);
  let li = 0;
  await readIntColumns(
    store,
    `SELECT qn.idx AS q, onn.idx AS o, CAST(sum(pp.people) AS INTEGER) AS w, CAST(sum(pp.key_sum) % ${KEY_RANGE} AS INTEGER) AS k
     ${pairs} GROUP BY qn.idx, onn.idx ORDER BY qn.idx, onn.idx`,
    (cols, rows) => {
      for (let i = 0; i < rows; i++, li++) {
        links.q[li] = cols[0](i);
        links.o[li] = cols[1](i);
        links.w[li] = cols[2](i);
        linkKeys[li] = cols[3](i);
      }
    },
  );
  return { links, linkKeys };
}

async function readPatternPeople(store: Store, table: string, n: number): Promise<{ people: Int32Array; keySums: Int32Array }> {
  const people = new Int32Array(n);
  const keySums = new Int32Array(n);
  await readIntColumns(store, `SELECT idx, people, key_sum FROM ${table}`, (cols, rows) => {
    for (let i = 0; i < rows; i++) {
      people[cols[0](i)] = cols[1](i);
      keySums[cols[0](i)] = cols[2](i);
    }
  });
  return { people, keySums };
}

/** Create the per-run tables: holdings by pattern (after the region filter) and the patterns' people. */
async function holdings(store: Store, datasetId: number, t: Record<string, string>, region: string | null | undefined): Promise<void> {
  const c = store.connection;
  const params = { id: datasetId, ...(region ? { region } : {}) };
  const inRegion = region ? 'AND region = $region' : '';
  await c.run(`CREATE TEMP TABLE ${t.w} AS SELECT pattern, people, key_sum FROM count_patterns WHERE dataset_id = $id ${inRegion}`, params);
  for (const [tab, side] of [[t.q, 'q'], [t.o, 'o']] as const) {
    await c.run(
      `CREATE TEMP TABLE ${tab} AS SELECT DISTINCT i.pattern, i.item AS node FROM count_pattern_items i JOIN ${t.w} w USING (pattern)
        WHERE i.dataset_id = $id AND i.side = '${side}'`,
      { id: datasetId },
    );
  }
}

async function nodeTables(store: Store, t: Record<string, string>): Promise<void> {
  const c = store.connection;
  await c.run(
    `CREATE TEMP TABLE ${t.p} AS SELECT pattern, CAST(row_number() OVER (ORDER BY pattern) - 1 AS INTEGER) AS idx, people, key_sum
       FROM ${t.w} WHERE pattern IN (SELECT pattern FROM ${t.q})`,
  );
  for (const [nodes, held] of [[t.qn, t.q], [t.on, t.o]] as const) {
    // Numbered as the record-level SQL numbers nodes: by people (most first), then by key.
    await c.run(
      `CREATE TEMP TABLE ${nodes} AS
       SELECT node, people, cell_key, CAST(row_number() OVER (ORDER BY people DESC, node) - 1 AS INTEGER) AS idx
       FROM (SELECT node, CAST(sum(pp.people) AS INTEGER) AS people, CAST(sum(pp.key_sum) % ${KEY_RANGE} AS INTEGER) AS cell_key
               FROM ${held} h JOIN ${t.p} pp USING (pattern) GROUP BY node)`,
    );
  }
}

export async function loadCountsNetwork(store: Store, datasetId: number, filters: NetworkFilters = {}): Promise<NetworkData> {
  const no = refused(filters);
  if (no.length > 0) {
    throw new InputError(`this dataset holds counts from a warehouse (import-counts), counted by qualification and occupation title only: ${no.join(', ')} needs record-level data; run without it`);
  }
  const minPeople = filters.minPeople ?? 1;
  if (!Number.isInteger(minPeople) || minPeople < 1) throw new RangeError(`minPeople must be a positive integer, got ${minPeople}`);
  const sfx = `${process.pid}_${++tempCounter}`;
  const t = { w: `rw_cw_${sfx}`, q: `rw_cq_${sfx}`, o: `rw_co_${sfx}`, p: `rw_cp_${sfx}`, qn: `rw_cqn_${sfx}`, on: `rw_con_${sfx}` };
  try {
    await holdings(store, datasetId, t, filters.region);
    const rounds = await prune(store, t, minPeople);
    await nodeTables(store, t);
    const nPatterns = await scalar(store, `SELECT count(*) AS n FROM ${t.p}`);
    const qualifications = await readNodes(store, t.qn);
    const occupations = await readNodes(store, t.on);
    const qual = await readCsr(store, nPatterns, `SELECT pp.idx AS p, n.idx AS k FROM ${t.q} h JOIN ${t.p} pp USING (pattern) JOIN ${t.qn} n USING (node)`);
    const occ = await readCsr(store, nPatterns, `SELECT pp.idx AS p, n.idx AS k FROM ${t.o} h JOIN ${t.p} pp USING (pattern) JOIN ${t.on} n USING (node)`);
    const patterns = { nPeople: nPatterns, nRows: qualifications.keys.length, nCols: occupations.keys.length, qualPtr: qual.ptr, qualIdx: qual.idx, occPtr: occ.ptr, occIdx: occ.idx };
    const { incidence, recordKeys } = expandPatterns({ patterns, ...(await readPatternPeople(store, t.p, nPatterns)) });
    const { links, linkKeys } = await readLinks(store, t);
    return {
      datasetId,
      filters: { ...filters, occupationBy: 'title', minPeople },
      people: incidence.nPeople,
      // No person is known: stand-in indices.
      personKeys: Int32Array.from({ length: incidence.nPeople }, (_, i) => i),
      recordKeys,
      qualifications,
      occupations,
      occupationBy: 'title',
      links,
      linkKeys,
      incidence,
      characteristics: [],
      rounds,
    };
  } finally {
    for (const name of Object.values(t)) await store.connection.run(`DROP TABLE IF EXISTS ${name}`);
  }
}
