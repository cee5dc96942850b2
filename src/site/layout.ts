/**
 * Lays out the protected network for the map at publish time, in Node, so the
 * page only draws: ForceAtlas2 (graphology-layout-forceatlas2) from seeded
 * starting positions, then noverlap so labels do not sit on each other.
 * Deterministic: the same network and seed give the same positions.
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import type { PublishedNetwork } from '../core/disclosure/release.js';
import { OTHER_COLOR, PALETTE, type MapCluster, type MapData } from './map-data.js';
import { maxOf } from '../core/extent.js';

// The layout packages are CommonJS; under NodeNext their default export is module.exports.
const forceAtlas2 = ((forceAtlas2Module as { default?: unknown }).default ?? forceAtlas2Module) as typeof forceAtlas2Module.default;
const noverlap = ((noverlapModule as { default?: unknown }).default ?? noverlapModule) as typeof noverlapModule.default;

export interface LayoutOptions {
  seed?: number;
  /** ForceAtlas2 iterations (default: fewer for large networks). */
  iterations?: number;
}

/** Small, fast, seeded PRNG (mulberry32): the layout must not depend on Math.random. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Colours per cluster: the palette goes to the largest clusters first (by
 * published people; suppressed sizes last), the rest share OTHER_COLOR.
 */
export function clusterColours(network: PublishedNetwork): MapCluster[] {
  const ranked = [...network.clusters].sort(
    (a, b) => (b.people ?? -1) - (a.people ?? -1) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  const colour = new Map(ranked.map((c, i) => [c.id, i < PALETTE.length ? PALETTE[i] : OTHER_COLOR]));
  return network.clusters.map((c) => ({ id: c.id, name: c.name, people: c.people, color: colour.get(c.id) ?? OTHER_COLOR }));
}

/**
 * Disclosure control leaves many nodes without published links, which a
 * force layout would scatter. They go next to their cluster instead: on a
 * sunflower spiral around the centre of the cluster's linked nodes, or, for a
 * cluster with no linked node, around a point on a ring outside the rest.
 */
function placeUnlinked(
  graph: UndirectedGraph<{ x: number; y: number; size: number }, { weight: number }>,
  network: PublishedNetwork,
  linked: UndirectedGraph<{ x: number; y: number; size: number }, { weight: number }>,
  clusterIds: string[],
): void {
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  let cx = 0;
  let cy = 0;
  let extent = 1;
  if (linked.order > 0) {
    linked.forEachNode((_, a) => {
      cx += a.x / linked.order;
      cy += a.y / linked.order;
    });
    linked.forEachNode((_, a) => {
      extent = Math.max(extent, Math.hypot(a.x - cx, a.y - cy));
    });
  }
  // Typical spacing: the mean node size, so spirals are about as dense as the rest.
  const step = 2.5 * (network.nodes.reduce((t, n) => t + graph.getNodeAttribute(n.id, 'size'), 0) / Math.max(1, network.nodes.length));
  const lonely = clusterIds.filter((c) => !network.nodes.some((n) => (n.cluster ?? '') === c && linked.hasNode(n.id)));
  for (const c of clusterIds) {
    const members = network.nodes.filter((n) => (n.cluster ?? '') === c);
    const placed = members.filter((n) => linked.hasNode(n.id));
    const unplaced = members.filter((n) => !linked.hasNode(n.id)).sort((a, b) => b.people - a.people || a.id.localeCompare(b.id));
    if (unplaced.length === 0) continue;
    let ox: number;
    let oy: number;
    let r0: number;
    if (placed.length > 0) {
      ox = placed.reduce((t, n) => t + graph.getNodeAttribute(n.id, 'x'), 0) / placed.length;
      oy = placed.reduce((t, n) => t + graph.getNodeAttribute(n.id, 'y'), 0) / placed.length;
      r0 = maxOf(placed.map((n) => Math.hypot(graph.getNodeAttribute(n.id, 'x') - ox, graph.getNodeAttribute(n.id, 'y') - oy)));
    } else {
      const k = lonely.indexOf(c);
      const a = (2 * Math.PI * k) / Math.max(1, lonely.length);
      const ring = linked.order > 0 ? extent * 1.25 + step * Math.sqrt(members.length) : step * Math.sqrt(network.nodes.length);
      ox = cx + ring * Math.cos(a);
      oy = cy + ring * Math.sin(a);
      r0 = 0;
    }
    unplaced.forEach((n, i) => {
      const r = r0 + step * Math.sqrt(i + 0.5);
      graph.mergeNodeAttributes(n.id, { x: ox + r * Math.cos(i * GOLDEN), y: oy + r * Math.sin(i * GOLDEN) });
    });
  }
}

/** Positions every node of the network and returns what the map page embeds. */
export function layoutNetwork(network: PublishedNetwork, code: string, title: string, options: LayoutOptions = {}): MapData {
  const random = mulberry32(options.seed ?? 1);
  const graph = new UndirectedGraph<{ x: number; y: number; size: number }, { weight: number }>();
  const maxPeople = maxOf(network.nodes.map((n) => n.people), 1);
  // Start each cluster around its own point on a circle so the layout converges to separated groups.
  const clusterIds = [...new Set(network.nodes.map((n) => n.cluster ?? ''))].sort();
  const angle = new Map(clusterIds.map((c, i) => [c, (2 * Math.PI * i) / Math.max(1, clusterIds.length)]));
  for (const n of network.nodes) {
    const a = angle.get(n.cluster ?? '') ?? 0;
    graph.addNode(n.id, {
      x: 100 * Math.cos(a) + 30 * (random() - 0.5),
      y: 100 * Math.sin(a) + 30 * (random() - 0.5),
      size: 3 + 12 * Math.sqrt(n.people / maxPeople),
    });
  }
  const maxLink = maxOf(network.links.map((l) => l.people), 1);
  const clusterOf = new Map(network.nodes.map((n) => [n.id, n.cluster]));
  for (const l of network.links) {
    if (!graph.hasNode(l.source) || !graph.hasNode(l.target) || graph.hasEdge(l.source, l.target)) continue;
    // Links across clusters pull less, so clusters stay apart and readable (positions only; thickness shows people).
    const same = clusterOf.get(l.source) !== null && clusterOf.get(l.source) === clusterOf.get(l.target);
    graph.addEdge(l.source, l.target, { weight: (same ? 1 : 0.15) * (1 + 4 * (l.people / maxLink)) });
  }
  if (graph.order > 1) {
    // Force-directed layout of the nodes that have published links.
    const linked = graph.copy();
    linked.forEachNode((id) => {
      if (linked.degree(id) === 0) linked.dropNode(id);
    });
    if (linked.order > 1) {
      const settings = forceAtlas2.inferSettings(linked);
      const iterations = options.iterations ?? (linked.order > 2000 ? 100 : linked.order > 500 ? 200 : 400);
      forceAtlas2.assign(linked, {
        iterations,
        getEdgeWeight: 'weight',
        // Barnes-Hut from 1,000 nodes (inferSettings waits for 2,000): the exact repulsion is quadratic in the nodes.
        settings: { ...settings, barnesHutOptimize: linked.order > 1000, edgeWeightInfluence: 1, adjustSizes: false },
      });
      linked.forEachNode((id, a) => graph.mergeNodeAttributes(id, { x: a.x, y: a.y }));
    }
    placeUnlinked(graph, network, linked, clusterIds);
    // A finer grid for large maps: noverlap compares the nodes within each grid cell, so with its default
    // 20 x 20 grid a map of 8,000 nodes spent most of a minute comparing crowded cells.
    const gridSize = Math.max(20, Math.round(Math.sqrt(graph.order)));
    noverlap.assign(graph, { maxIterations: 150, settings: { margin: 3, ratio: 1.3, gridSize } });
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    code,
    title,
    nodes: network.nodes
      .filter((n) => graph.hasNode(n.id))
      .map((n) => ({
        id: n.id,
        label: n.label,
        side: n.side,
        cluster: n.cluster,
        people: n.people,
        ...(n.confidence !== undefined ? { confidence: n.confidence } : {}),
        x: round(graph.getNodeAttribute(n.id, 'x')),
        y: round(graph.getNodeAttribute(n.id, 'y')),
      })),
    links: network.links
      .filter((l) => graph.hasNode(l.source) && graph.hasNode(l.target))
      .map((l) => ({
        source: l.source,
        target: l.target,
        people: l.people,
        ...(l.lift !== undefined ? { lift: l.lift } : {}),
        ...(l.significant !== undefined ? { significant: l.significant } : {}),
      })),
    clusters: clusterColours(network),
    omitted: network.omitted,
  };
}
