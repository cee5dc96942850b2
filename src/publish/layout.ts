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

/** Positions every node of the network and returns what the map page embeds. */
export function layoutNetwork(network: PublishedNetwork, code: string, title: string, options: LayoutOptions = {}): MapData {
  const random = mulberry32(options.seed ?? 1);
  const graph = new UndirectedGraph<{ x: number; y: number; size: number }, { weight: number }>();
  const maxPeople = Math.max(1, ...network.nodes.map((n) => n.people));
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
  const maxLink = Math.max(1, ...network.links.map((l) => l.people));
  for (const l of network.links) {
    if (!graph.hasNode(l.source) || !graph.hasNode(l.target) || graph.hasEdge(l.source, l.target)) continue;
    graph.addEdge(l.source, l.target, { weight: 1 + 4 * (l.people / maxLink) });
  }
  // Disclosure control leaves many nodes without published links. Invisible hub
  // nodes, one per cluster and tied to its members, keep each cluster together
  // on the map (cluster membership is published; the hubs are not drawn).
  const hubs: string[] = [];
  for (const c of clusterIds) {
    if (c === '') continue;
    const hub = `\u0000hub:${c}`;
    const a = angle.get(c) ?? 0;
    graph.addNode(hub, { x: 100 * Math.cos(a), y: 100 * Math.sin(a), size: 1 });
    hubs.push(hub);
    for (const n of network.nodes) if (n.cluster === c) graph.addEdge(hub, n.id, { weight: 0.5 });
  }
  if (graph.order > 1) {
    const settings = forceAtlas2.inferSettings(graph);
    const iterations = options.iterations ?? (graph.order > 2000 ? 100 : graph.order > 500 ? 200 : 400);
    forceAtlas2.assign(graph, {
      iterations,
      getEdgeWeight: 'weight',
      settings: { ...settings, edgeWeightInfluence: 1, adjustSizes: false },
    });
    for (const hub of hubs) graph.dropNode(hub);
    noverlap.assign(graph, { maxIterations: 150, settings: { margin: 3, ratio: 1.3 } });
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
