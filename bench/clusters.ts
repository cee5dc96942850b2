/**
 * Benchmark of the clustering core (issue 3): Routeways' Leiden-Barber side
 * by side with graphology-communities-louvain (Newman modularity, npm) and,
 * when /usr/bin/python3 has Debian's python3-igraph and python3-leidenalg,
 * leidenalg optimising Barber's modularity via CPM on three layers.
 *
 *   npm run bench:clusters            (all graphs)
 *   npm run bench:clusters -- --quick (skips the 1M-link graph)
 *
 * Prints, per graph and method: Q_B (resolution 1), clusters, NMI against the
 * planted partition, seconds; then the bootstrap timing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { bipartiteFromEdges, linkCount, type BipartiteGraph } from '../src/core/graph/bipartite.js';
import { leidenBarber } from '../src/core/graph/leiden.js';
import { barberModularity } from '../src/core/graph/modularity.js';
import { bipartiteNmi } from '../src/core/graph/nmi.js';
import { plantedBipartite, plantedPeople } from '../src/core/graph/planted.js';
import { graphFromIncidence } from '../src/core/graph/incidence.js';
import { bootstrapConfidence } from '../src/core/graph/bootstrap.js';
import { Random } from '../src/core/random.js';

interface Case {
  name: string;
  graph: BipartiteGraph;
  rowModule?: Int32Array;
  colModule?: Int32Array;
}

interface Row {
  graph: string;
  method: string;
  q: number;
  clusters: number;
  nmi: number | null;
  seconds: number;
  note?: string;
}

// CommonJS default export seen through NodeNext typings.
const louvain = ((louvainModule as { default?: unknown }).default ?? louvainModule) as typeof louvainModule.default;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const restarts = 10;

function davis(): Case {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // Works from bench/ (tsx) and from dist/bench/ (compiled).
  const candidates = [join(here, '../test/fixtures/davis-southern-women.json'), join(here, '../../test/fixtures/davis-southern-women.json')];
  const file = candidates.find((f) => existsSync(f))!;
  const d = JSON.parse(readFileSync(file, 'utf8')) as { attended: number[][] };
  const rows: number[] = [];
  const cols: number[] = [];
  d.attended.forEach((evs, i) => evs.forEach((e) => (rows.push(i), cols.push(e))));
  return { name: 'Davis 18x14', graph: bipartiteFromEdges(18, 14, Int32Array.from(rows), Int32Array.from(cols), new Float64Array(rows.length).fill(1)) };
}

function planted(nRows: number, nCols: number, modules: number, links: number, rewire: number, seed: number): Case {
  const p = plantedBipartite({ nRows, nCols, modules, links, rewire, seed });
  return { name: `planted ${nRows}x${nCols} k=${modules} rw=${Math.round(rewire * 100)}%`, graph: p.graph, rowModule: p.rowModule, colModule: p.colModule };
}

function nmiOf(c: Case, rowCl: Int32Array, colCl: Int32Array): number | null {
  return c.rowModule && c.colModule ? bipartiteNmi(c.rowModule, c.colModule, rowCl, colCl) : null;
}

function countClusters(rowCl: Int32Array, colCl: Int32Array): number {
  const s = new Set<number>();
  rowCl.forEach((x) => s.add(x));
  colCl.forEach((x) => s.add(x));
  return s.size;
}

function runRouteways(c: Case, runs: number): Row {
  const t0 = performance.now();
  const res = leidenBarber(c.graph, { seed: 1, restarts: runs });
  const seconds = (performance.now() - t0) / 1000;
  const method = runs === 1 ? 'Routeways Leiden-Barber (1 run + polish)' : `Routeways Leiden-Barber (best of ${runs} + polish)`;
  return { graph: c.name, method, q: res.modularity, clusters: res.clusters, nmi: nmiOf(c, res.rowCluster, res.colCluster), seconds };
}

function runLouvain(c: Case): Row {
  const { nRows, nCols, rowPtr, colIdx, weights } = c.graph;
  const t0 = performance.now();
  const g = new UndirectedGraph();
  for (let r = 0; r < nRows; r++) g.addNode(`r${r}`);
  for (let j = 0; j < nCols; j++) g.addNode(`c${j}`);
  for (let r = 0; r < nRows; r++) for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) g.addEdge(`r${r}`, `c${colIdx[p]}`, { weight: weights[p] });
  const t1 = performance.now();
  const rng = new Random(1);
  const map = louvain(g, { getEdgeWeight: 'weight', rng: () => rng.nextFloat() });
  const seconds = (performance.now() - t1) / 1000;
  const rowCl = new Int32Array(nRows);
  const colCl = new Int32Array(nCols);
  for (let r = 0; r < nRows; r++) rowCl[r] = map[`r${r}`];
  for (let j = 0; j < nCols; j++) colCl[j] = map[`c${j}`];
  return {
    graph: c.name,
    method: 'graphology-communities-louvain',
    q: barberModularity(c.graph, rowCl, colCl),
    clusters: countClusters(rowCl, colCl),
    nmi: nmiOf(c, rowCl, colCl),
    seconds,
    note: `+${((t1 - t0) / 1000).toFixed(2)} s to build the graphology graph`,
  };
}

const PY = '/usr/bin/python3';
const pyScript = `
import sys, time
import igraph as ig, leidenalg as la
path, out = sys.argv[1], sys.argv[2]
with open(path) as f:
    nr, nc = map(int, f.readline().split())
    edges, w = [], []
    for line in f:
        r, c, x = line.split()
        edges.append((int(r), nr + int(c)))
        w.append(float(x))
g = ig.Graph(n=nr + nc, edges=edges)
g.es['weight'] = w
m = sum(w)
s = g.strength(weights='weight')
types = [0] * nr + [1] * nc
H = g.subgraph_edges([], delete_vertices=False)
best, bestq = None, None
t0 = time.perf_counter()
for seed in range(10):
    p01 = la.CPMVertexPartition(g, weights='weight', node_sizes=s, resolution_parameter=1.0 / m)
    p0 = la.CPMVertexPartition(H, weights=None, node_sizes=[x if t == 0 else 0 for x, t in zip(s, types)], resolution_parameter=1.0 / m)
    p1 = la.CPMVertexPartition(H, weights=None, node_sizes=[x if t == 1 else 0 for x, t in zip(s, types)], resolution_parameter=1.0 / m)
    opt = la.Optimiser()
    opt.set_rng_seed(seed)
    opt.optimise_partition_multiplex([p01, p0, p1], layer_weights=[1, -1, -1], n_iterations=-1)
    q = p01.quality() - p0.quality() - p1.quality()
    if bestq is None or q > bestq:
        bestq, best = q, list(p01.membership)
t = time.perf_counter() - t0
with open(out, 'w') as f:
    f.write('%f\\n' % t)
    f.write(' '.join(map(str, best)) + '\\n')
`;

function leidenalgAvailable(): string | null {
  if (!existsSync(PY)) return `${PY} not found`;
  try {
    execFileSync(PY, ['-c', 'import igraph, leidenalg'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'python3-igraph / python3-leidenalg not installed (apt-get install -y python3-igraph python3-leidenalg)';
  }
}

function runLeidenalg(c: Case, dir: string): Row {
  const { nRows, nCols, rowPtr, colIdx, weights } = c.graph;
  const graphFile = join(dir, 'graph.txt');
  const outFile = join(dir, 'out.txt');
  const lines: string[] = [`${nRows} ${nCols}`];
  for (let r = 0; r < nRows; r++) for (let p = rowPtr[r]; p < rowPtr[r + 1]; p++) lines.push(`${r} ${colIdx[p]} ${weights[p]}`);
  writeFileSync(graphFile, lines.join('\n') + '\n');
  execFileSync(PY, [join(dir, 'barber.py'), graphFile, outFile], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  const [t, memb] = readFileSync(outFile, 'utf8').split('\n');
  const all = Int32Array.from(memb.split(' ').map(Number));
  const rowCl = all.slice(0, nRows);
  const colCl = all.slice(nRows);
  return {
    graph: c.name,
    method: 'leidenalg Barber (CPM 3 layers, best of 10)',
    q: barberModularity(c.graph, rowCl, colCl),
    clusters: countClusters(rowCl, colCl),
    nmi: nmiOf(c, rowCl, colCl),
    seconds: Number(t),
    note: 'optimisation only',
  };
}

function print(row: Row): void {
  const nmi = row.nmi === null ? '     -' : row.nmi.toFixed(4);
  console.log(
    `${row.graph.padEnd(32)} ${row.method.padEnd(46)} Q_B ${row.q.toFixed(5)}  clusters ${String(row.clusters).padStart(5)}  NMI ${nmi}  ${row.seconds.toFixed(3).padStart(8)} s${row.note ? '  (' + row.note + ')' : ''}`,
  );
}

const cases: (() => Case)[] = [
  davis,
  () => planted(30, 50, 2, 300, 0, 11),
  () => planted(30, 50, 2, 300, 0.25, 12),
  () => planted(30, 50, 2, 300, 0.5, 13),
  () => planted(30, 50, 10, 300, 0, 21),
  () => planted(30, 50, 10, 300, 0.25, 22),
  () => planted(30, 50, 10, 300, 0.5, 23),
  () => planted(400, 2000, 25, 20000, 0.3, 31),
];
if (!quick) cases.push(() => planted(5000, 20000, 50, 1_050_000, 0.3, 41));

console.log(`bench/clusters on ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; machine may be shared, so seconds are upper bounds.`);
const missing = leidenalgAvailable();
if (missing) console.log(`leidenalg: skipped (${missing})`);
const dir = mkdtempSync(join(tmpdir(), 'routeways-bench-clusters-'));
writeFileSync(join(dir, 'barber.py'), pyScript);
try {
  for (const make of cases) {
    const c = make();
    console.log(`\n${c.name}: ${c.graph.nRows} rows, ${c.graph.nCols} columns, ${linkCount(c.graph)} links`);
    const ours = runRouteways(c, restarts);
    print(ours);
    print(runRouteways(c, 1));
    print(runLouvain(c));
    if (!missing) {
      const theirs = runLeidenalg(c, dir);
      print(theirs);
      const d = ours.q - theirs.q;
      const verdict = Math.abs(d) < 1e-9 ? 'equal (target met)' : d > 0 ? `+${d.toFixed(6)} (above: target met)` : `${d.toFixed(6)} (BELOW leidenalg)`;
      console.log(`${''.padEnd(32)} Q_B Routeways - leidenalg: ${verdict}`);
    }
  }

  // Bootstrap timing: 100 replicates on a 2,000 x 400 network built from people.
  const people = plantedPeople({ nRows: 2000, nCols: 400, modules: 20, people: 20000, rewire: 0.2, seed: 51 });
  const g = graphFromIncidence(people.incidence);
  const part = leidenBarber(g, { seed: 1, restarts });
  const t0 = performance.now();
  const boot = bootstrapConfidence(people.incidence, part, { replicates: 100, seed: 2 });
  const seconds = (performance.now() - t0) / 1000;
  let core = 0;
  boot.rowCore.forEach((x) => (core += x));
  boot.colCore.forEach((x) => (core += x));
  console.log(
    `\nbootstrap: 100 Poisson replicates on ${g.nRows}x${g.nCols} (${linkCount(g)} links, ${people.incidence.nPeople} people, ${part.clusters} clusters): ${seconds.toFixed(2)} s; ${core} of ${g.nRows + g.nCols} nodes in a core (>= 95%)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
