/**
 * The SQL that counts the qualification x occupation network of a dataset.
 *
 * Given filters (region, level, SSA, qualification type, achievement dates,
 * minimum people per node) it returns, as compact typed arrays:
 *  - the node lists: qualification titles as entered, and occupations by
 *    title as entered or by SOC sub-major group, with the number of people
 *    analysed holding each;
 *  - the link table w(q, o) = distinct people holding both, counted in SQL;
 *  - the person incidence (each analysed person's qualifications and
 *    occupations, dense indices, CSR) that the bootstrap resamples;
 *  - each analysed person's characteristics (for the cluster profiles).
 *
 * People analysed are those with at least one qualification and at least one
 * occupation left after filtering. With `minPeople` > 1, nodes held by fewer
 * people are dropped and the people analysed recomputed until every node left
 * has at least `minPeople` people (a fixed point: dropping a node can take a
 * person out, which can take another node under the threshold).
 *
 * Results are read chunk by chunk from DuckDB's integer vectors straight into
 * typed arrays: no per-row objects for the big tables.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { LinkCounts } from '../core/links/significance.js';
import { KEY_RANGE } from '../core/disclosure/perturbation/cell-key.js';
import type { Store } from './database.js';
import { ensureRecordKeySecret, recordKeysSql, type RecordKeyTable } from './record-keys.js';
import { datasetKind } from './counts.js';
import { loadCountsNetwork } from './counts-network.js';
import type { NetworkData, NetworkFilters } from './network-types.js';
import { readCsr, readIntColumns, readNodes, scalar } from './network-read.js';
import { characteristicsOf, readCharacteristicCodes, type DatasetCharacteristic } from './characteristic-codes.js';

export type { CharacteristicColumn, NetworkData, NetworkFilters, NodeList, OccupationGrouping } from './network-types.js';


let tempCounter = 0;

export interface NetworkOptions {
  /** Record keys prepared for the dataset (prepareRecordKeys); computed in the query when absent. */
  recordKeys?: RecordKeyTable;
  /** The dataset's characteristic codes (readCharacteristicCodes), when one read serves many networks. */
  characteristics?: () => Promise<readonly DatasetCharacteristic[]>;
}

/**
 * Count the network of dataset `datasetId` under `filters`. Leaves nothing
 * behind: the temporary tables it uses are dropped before it returns.
 */
export async function loadNetwork(store: Store, datasetId: number, filters: NetworkFilters = {}, options: NetworkOptions = {}): Promise<NetworkData> {
  // A counts-only dataset: the same network from the patterns a warehouse counted.
  if ((await datasetKind(store, datasetId)) === 'counts') return loadCountsNetwork(store, datasetId, filters);
  const c = store.connection;
  const sfx = `${process.pid}_${++tempCounter}`;
  const t = {
    q: `rw_nq_${sfx}`, // (person_key, node) distinct qualification holdings after filters
    o: `rw_no_${sfx}`, // (person_key, node) distinct occupation holdings
    p: `rw_np_${sfx}`, // analysed people -> dense idx
    qn: `rw_qn_${sfx}`, // qualification nodes -> dense idx, people
    on: `rw_on_${sfx}`, // occupation nodes -> dense idx, people
    ql: `rw_ql_${sfx}`, // qualification title -> label
    ol: `rw_ol_${sfx}`, // occupation title -> label
  };
  const occupationBy = filters.occupationBy ?? 'title';
  const minPeople = filters.minPeople ?? 1;
  if (!Number.isInteger(minPeople) || minPeople < 1) throw new RangeError(`minPeople must be a positive integer, got ${minPeople}`);
  try {
    const { where: qWhere, params: qParams } = qualificationFilter(datasetId, filters);
    await labelTable(store, t.ql, filters.titleLabels?.qualification);
    await labelTable(store, t.ol, filters.titleLabels?.occupation);
    await c.run(
      `CREATE TEMP TABLE ${t.q} AS
       SELECT DISTINCT q.person_key, coalesce(ql.label, q.title) AS node
       FROM qualifications q ${filters.region ? 'JOIN people p ON p.dataset_id = q.dataset_id AND p.person_key = q.person_key' : ''}
       LEFT JOIN ${t.ql} ql ON ql.title = q.title
       WHERE ${qWhere}`,
      qParams,
    );
    const occNode = occupationBy === 'soc' ? 'o.soc_submajor' : 'coalesce(ol.label, o.title)';
    const oParams: Record<string, DuckDBValue> = { id: datasetId };
    let oWhere = `o.dataset_id = $id AND ${occNode} IS NOT NULL`;
    if (filters.region) {
      oWhere += ' AND p.region = $region';
      oParams.region = filters.region;
    }
    await c.run(
      `CREATE TEMP TABLE ${t.o} AS
       SELECT DISTINCT o.person_key, ${occNode} AS node
       FROM occupations o ${filters.region ? 'JOIN people p ON p.dataset_id = o.dataset_id AND p.person_key = o.person_key' : ''}
       LEFT JOIN ${t.ol} ol ON ol.title = o.title
       WHERE ${oWhere}`,
      oParams,
    );

    // Fixed point: keep people with both sides; drop nodes under minPeople; repeat while anything changes.
    let rounds = 0;
    for (;;) {
      rounds++;
      let changed = 0;
      changed += await rowsChanged(c.run(`DELETE FROM ${t.q} WHERE person_key NOT IN (SELECT person_key FROM ${t.o})`));
      changed += await rowsChanged(c.run(`DELETE FROM ${t.o} WHERE person_key NOT IN (SELECT person_key FROM ${t.q})`));
      if (minPeople > 1) {
        for (const tab of [t.q, t.o]) {
          changed += await rowsChanged(
            c.run(`DELETE FROM ${tab} WHERE node IN (SELECT node FROM ${tab} GROUP BY node HAVING count(*) < $min)`, { min: minPeople }),
          );
        }
      }
      if (changed === 0 || minPeople === 1) break;
    }

    await ensureRecordKeySecret(store);
    const keys = options.recordKeys ? `SELECT person_key, rkey FROM ${options.recordKeys.table}` : recordKeysSql('$id');
    await c.run(
      `CREATE TEMP TABLE ${t.p} AS
       SELECT person_key, CAST(row_number() OVER (ORDER BY person_key) - 1 AS INTEGER) AS idx, rk.rkey
       FROM (SELECT DISTINCT person_key FROM ${t.q}) JOIN (${keys}) rk USING (person_key)`,
      options.recordKeys ? {} : { id: datasetId },
    );
    for (const [nodes, holdings] of [[t.qn, t.q], [t.on, t.o]] as const) {
      // Nodes numbered by people (most first), then by key, so indices are stable for the same data.
      await c.run(
        `CREATE TEMP TABLE ${nodes} AS
         SELECT node, people, cell_key, CAST(row_number() OVER (ORDER BY people DESC, node) - 1 AS INTEGER) AS idx
         FROM (SELECT node, CAST(count(*) AS INTEGER) AS people, CAST(sum(pp.rkey) % ${KEY_RANGE} AS INTEGER) AS cell_key
                 FROM ${holdings} h JOIN ${t.p} pp USING (person_key) GROUP BY node)`,
      );
    }

    const nPeople = await scalar(store, `SELECT count(*) AS n FROM ${t.p}`);
    const personKeys = new Int32Array(nPeople);
    const recordKeys = new Int32Array(nPeople);
    await readIntColumns(store, `SELECT idx, person_key, rkey FROM ${t.p}`, (cols, n) => {
      for (let i = 0; i < n; i++) {
        personKeys[cols[0](i)] = cols[1](i);
        recordKeys[cols[0](i)] = cols[2](i);
      }
    });

    const qualifications = await readNodes(store, t.qn);
    const occupations = await readNodes(store, t.on);

    const qual = await readCsr(store, nPeople, `SELECT pp.idx AS p, n.idx AS k FROM ${t.q} h JOIN ${t.p} pp USING (person_key) JOIN ${t.qn} n USING (node)`);
    const occ = await readCsr(store, nPeople, `SELECT pp.idx AS p, n.idx AS k FROM ${t.o} h JOIN ${t.p} pp USING (person_key) JOIN ${t.on} n USING (node)`);

    // w(q, o): distinct people holding both (each (person, node) row is distinct already).
    const nLinks = await scalar(store, `SELECT count(*) AS n FROM (SELECT DISTINCT qn.idx, onn.idx FROM ${t.q} a JOIN ${t.o} b USING (person_key) JOIN ${t.qn} qn ON qn.node = a.node JOIN ${t.on} onn ON onn.node = b.node)`);
    const links: LinkCounts = { q: new Int32Array(nLinks), o: new Int32Array(nLinks), w: new Int32Array(nLinks) };
    const linkKeys = new Int32Array(nLinks);
    let li = 0;
    await readIntColumns(
      store,
      `SELECT qn.idx AS q, onn.idx AS o, CAST(count(*) AS INTEGER) AS w, CAST(sum(pp.rkey) % ${KEY_RANGE} AS INTEGER) AS k
       FROM ${t.q} a JOIN ${t.o} b USING (person_key) JOIN ${t.p} pp USING (person_key)
       JOIN ${t.qn} qn ON qn.node = a.node JOIN ${t.on} onn ON onn.node = b.node
       GROUP BY qn.idx, onn.idx ORDER BY qn.idx, onn.idx`,
      (cols, n) => {
        for (let i = 0; i < n; i++, li++) {
          links.q[li] = cols[0](i);
          links.o[li] = cols[1](i);
          links.w[li] = cols[2](i);
          linkKeys[li] = cols[3](i);
        }
      },
    );

    // The dataset's codes, read once for many networks when the caller keeps them (a publish's regions); else its people's only.
    const characteristics = characteristicsOf(await (options.characteristics ?? (() => readCharacteristicCodes(store, datasetId, t.p)))(), personKeys);

    return {
      datasetId,
      filters: { ...filters, occupationBy, minPeople },
      people: nPeople,
      personKeys,
      recordKeys,
      qualifications,
      occupations,
      occupationBy,
      links,
      linkKeys,
      incidence: {
        nPeople,
        nRows: qualifications.keys.length,
        nCols: occupations.keys.length,
        qualPtr: qual.ptr,
        qualIdx: qual.idx,
        occPtr: occ.ptr,
        occIdx: occ.idx,
      },
      characteristics,
      rounds,
    };
  } finally {
    for (const name of Object.values(t)) await c.run(`DROP TABLE IF EXISTS ${name}`);
  }
}

/** A temporary (title, label) table; empty when no labels are given. The pairs go in as one JSON parameter. */
async function labelTable(store: Store, name: string, pairs: Array<[string, string]> | undefined): Promise<void> {
  await store.connection.run(
    `CREATE TEMP TABLE ${name} AS SELECT j->>0 AS title, j->>1 AS label FROM (SELECT unnest(CAST($pairs AS JSON[])) AS j)`,
    { pairs: JSON.stringify(pairs ?? []) },
  );
}

function qualificationFilter(datasetId: number, f: NetworkFilters): { where: string; params: Record<string, DuckDBValue> } {
  const parts = ['q.dataset_id = $id'];
  const params: Record<string, DuckDBValue> = { id: datasetId };
  if (f.region) {
    parts.push('p.region = $region');
    params.region = f.region;
  }
  if (f.levels && f.levels.length > 0) {
    for (const l of f.levels) if (!Number.isInteger(l) || l < 1 || l > 8) throw new RangeError(`level must be 1-8, got ${l}`);
    // Validated integers: safe to inline.
    parts.push(`q.level IN (${f.levels.join(', ')})`);
  }
  if (f.ssa && f.ssa.length > 0) {
    const names = f.ssa.map((s, i) => {
      params[`ssa${i}`] = s;
      return `$ssa${i}`;
    });
    parts.push(`q.ssa IN (${names.join(', ')})`);
  }
  if (f.type) {
    parts.push('q.type = $type');
    params.type = f.type;
  }
  if (f.from) {
    parts.push('q.achieved_on >= CAST($from AS DATE)');
    params.from = f.from;
  }
  if (f.to) {
    parts.push('q.achieved_on <= CAST($to AS DATE)');
    params.to = f.to;
  }
  return { where: parts.join(' AND '), params };
}

async function rowsChanged(p: Promise<{ rowsChanged: number }>): Promise<number> {
  return (await p).rowsChanged;
}


