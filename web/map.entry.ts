/**
 * The interactive map of a report page: qualifications and occupations drawn
 * with sigma.js (WebGL) from the protected network embedded in the page.
 *
 * The page is complete without this script (the legend, search options and
 * tables are rendered at publish time); this script only draws and wires the
 * controls. Positions and colours come with the data (computed in Node at
 * publish time), so nothing here is random and nothing is fetched: it works
 * from file:// as well as when served.
 */
import { UndirectedGraph } from 'graphology';
import Sigma from 'sigma';
import type { MapData, MapNode } from '../src/site/map-data.js';
import { MAP_DATA_ELEMENT_ID, OTHER_COLOR } from '../src/site/map-data.js';
import { maxOf } from '../src/core/extent.js';

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  node: MapNode;
}
interface EdgeAttrs {
  size: number;
  color: string;
  people: number;
}

const EDGE_COLOR = 'rgba(70, 70, 70, 0.5)';
const FADED = '#E6E6E6';

function byId<T extends HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

function readData(): MapData | null {
  const el = byId<HTMLScriptElement>(MAP_DATA_ELEMENT_ID);
  if (!el || !el.textContent) return null;
  return JSON.parse(el.textContent) as MapData;
}

function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

function showFallback(message: string): void {
  const fallback = byId('map-fallback');
  const canvas = byId('map-canvas');
  if (fallback) {
    fallback.hidden = false;
    const p = fallback.querySelector('p');
    if (p) p.textContent = message;
  }
  if (canvas) canvas.hidden = true;
  // The static map drawn at publish time stands in for the interactive one.
  byId('map-static')?.classList.add('shown');
  document.querySelectorAll<HTMLElement>('[data-map-control]').forEach((c) => {
    if (c instanceof HTMLButtonElement || c instanceof HTMLInputElement) c.disabled = true;
  });
}

function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}

function buildGraph(data: MapData): UndirectedGraph<NodeAttrs, EdgeAttrs> {
  const colour = new Map(data.clusters.map((c) => [c.id, c.color]));
  const maxPeople = maxOf(data.nodes.map((n) => n.people), 1);
  const maxLink = maxOf(data.links.map((l) => l.people), 1);
  const graph = new UndirectedGraph<NodeAttrs, EdgeAttrs>();
  for (const n of data.nodes) {
    graph.addNode(n.id, {
      x: n.x,
      y: n.y,
      // Area grows with people: radius with the square root.
      size: 3 + 12 * Math.sqrt(n.people / maxPeople),
      color: (n.cluster !== null && colour.get(n.cluster)) || OTHER_COLOR,
      label: n.label,
      node: n,
    });
  }
  for (const l of data.links) {
    if (!graph.hasNode(l.source) || !graph.hasNode(l.target) || graph.hasEdge(l.source, l.target)) continue;
    graph.addEdge(l.source, l.target, {
      size: 0.5 + 5 * Math.sqrt(l.people / maxLink),
      color: EDGE_COLOR,
      people: l.people,
    });
  }
  return graph;
}

function start(): void {
  const data = readData();
  const container = byId<HTMLDivElement>('map-canvas');
  if (!data || !container) return;
  if (data.nodes.length === 0) {
    showFallback('No qualification or occupation in this region has enough people to be shown on the map.');
    return;
  }
  if (!webglAvailable()) {
    showFallback(
      'The interactive map needs WebGL, which this browser does not offer. The tables below and the network downloads (GEXF, JSON) hold the same figures.',
    );
    return;
  }

  const graph = buildGraph(data);
  const clusterName = new Map(data.clusters.map((c) => [c.id, c.name]));
  let hovered: string | null = null;
  let selected: string | null = null;

  let renderer: Sigma<NodeAttrs, EdgeAttrs>;
  try {
    renderer = new Sigma(graph, container, {
      labelRenderedSizeThreshold: 9,
      labelFont: 'system-ui, sans-serif',
      zIndex: true,
      nodeReducer: (node, attrs) => {
        const focus = selected ?? hovered;
        if (!focus) return attrs;
        if (node === focus) return { ...attrs, highlighted: true, zIndex: 2 };
        if (graph.areNeighbors(node, focus)) return { ...attrs, zIndex: 1 };
        return { ...attrs, color: FADED, label: '', zIndex: 0 };
      },
      edgeReducer: (edge, attrs) => {
        const focus = selected ?? hovered;
        if (!focus) return attrs;
        if (graph.hasExtremity(edge, focus)) return { ...attrs, color: 'rgba(40, 40, 40, 0.75)', zIndex: 1 };
        return { ...attrs, hidden: true };
      },
    });
  } catch (err) {
    showFallback(`The interactive map could not start (${err instanceof Error ? err.message : String(err)}). The tables below hold the same figures.`);
    return;
  }
  const camera = renderer.getCamera();
  // No camera animation for people who ask for reduced motion.
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
  const ms = (d: number) => (reduced ? 0 : d);
  const panel = byId('map-panel-body');

  function describe(nodeId: string | null): void {
    if (!panel) return;
    panel.replaceChildren();
    if (nodeId === null) {
      const p = document.createElement('p');
      p.textContent = 'Point at or select a qualification or occupation to see its links.';
      panel.append(p);
      return;
    }
    const n = graph.getNodeAttribute(nodeId, 'node');
    const h = document.createElement('h4');
    h.textContent = n.label;
    const dl = document.createElement('dl');
    const add = (term: string, value: string) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dl.append(dt, dd);
    };
    add('Kind', n.side === 'qualification' ? 'Qualification' : 'Occupation');
    add('Cluster', n.cluster === null ? 'None' : (clusterName.get(n.cluster) ?? n.cluster));
    add('People', fmt(n.people));
    if (n.confidence !== undefined) add('Confidence', `${Math.round(n.confidence * 100)}% of resamples keep it in its cluster`);
    const links = graph
      .edges(nodeId)
      .map((e) => ({ other: graph.opposite(nodeId, e), people: graph.getEdgeAttribute(e, 'people') }))
      .sort((a, b) => b.people - a.people || a.other.localeCompare(b.other));
    const lh = document.createElement('h5');
    lh.textContent = links.length === 0 ? 'No links shown' : `Links (${links.length}), people holding both`;
    const ul = document.createElement('ul');
    for (const l of links) {
      const li = document.createElement('li');
      li.textContent = `${graph.getNodeAttribute(l.other, 'label')}: ${fmt(l.people)}`;
      ul.append(li);
    }
    panel.append(h, dl, lh, ul);
  }

  function setFocus(nodeId: string | null, move: boolean): void {
    selected = nodeId;
    container!.dataset.selected = nodeId ?? '';
    describe(nodeId);
    renderer.refresh({ skipIndexation: true });
    if (nodeId !== null && move) {
      const d = renderer.getNodeDisplayData(nodeId);
      if (d) void camera.animate({ x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.35) }, { duration: ms(400) });
    }
  }

  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    if (selected === null) describe(node);
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    if (selected === null) describe(null);
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on('clickNode', ({ node }) => setFocus(node === selected ? null : node, false));
  renderer.on('clickStage', () => setFocus(null, false));

  // Search: the options are in a <datalist> rendered at publish time.
  const byLabel = new Map<string, string>();
  // A qualification and an occupation can share a title: the one with more people answers it.
  graph.forEachNode((id, a) => {
    const key = a.label.toLowerCase();
    const held = byLabel.get(key);
    if (held === undefined || graph.getNodeAttribute(held, 'node').people < a.node.people) byLabel.set(key, id);
  });
  const search = byId<HTMLInputElement>('map-search');
  const status = byId('map-search-status');
  const find = () => {
    if (!search) return;
    const q = search.value.trim().toLowerCase();
    if (q === '') return;
    let id = byLabel.get(q);
    if (id === undefined) {
      for (const [label, node] of byLabel) {
        if (label.includes(q)) {
          id = node;
          break;
        }
      }
    }
    if (status) status.textContent = id === undefined ? `Nothing on the map matches “${search.value}”.` : `Showing ${graph.getNodeAttribute(id, 'label')}.`;
    if (id !== undefined) setFocus(id, true);
  };
  byId('map-search-form')?.addEventListener('submit', (e) => {
    e.preventDefault();
    find();
  });
  search?.addEventListener('change', find);

  // Zoom and pan: buttons and keys (the mouse wheel, drag and touch are sigma's own).
  const zoomIn = () => void camera.animatedZoom({ duration: ms(250) });
  const zoomOut = () => void camera.animatedUnzoom({ duration: ms(250) });
  const reset = () => void camera.animatedReset({ duration: ms(250) });
  const pan = (dx: number, dy: number) => {
    const s = camera.getState();
    void camera.animate({ x: s.x + dx * s.ratio, y: s.y + dy * s.ratio }, { duration: ms(150) });
  };
  byId('map-zoom-in')?.addEventListener('click', zoomIn);
  byId('map-zoom-out')?.addEventListener('click', zoomOut);
  byId('map-reset')?.addEventListener('click', () => {
    setFocus(null, false);
    reset();
  });
  container.addEventListener('keydown', (e) => {
    const step = 0.1;
    const keys: Record<string, () => void> = {
      '+': zoomIn,
      '=': zoomIn,
      '-': zoomOut,
      _: zoomOut,
      '0': reset,
      ArrowLeft: () => pan(-step, 0),
      ArrowRight: () => pan(step, 0),
      ArrowUp: () => pan(0, step),
      ArrowDown: () => pan(0, -step),
      Escape: () => setFocus(null, false),
    };
    const act = keys[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  });

  container.dataset.ready = 'true';
  container.dataset.nodes = String(graph.order);
  // For people who script the page (and for the browser tests).
  (window as unknown as { routewaysMap: unknown }).routewaysMap = { graph, renderer, focus: (id: string) => setFocus(id, true) };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
