/**
 * A table declared as a flow (TableDisplay 'flow') drawn as a Sankey
 * diagram, server-rendered SVG (d3-sankey lays it out): each published row is
 * a link as wide as its published count. Rows whose count is withheld or
 * zero are not drawn; nothing here reads anything but the published cells.
 */
import { sankey, sankeyLeft, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import type { PublishedTable } from '../../core/disclosure/release.js';
import { formatCount } from '../format.js';

interface FlowNode {
  id: string;
  label: string;
  level: number;
}

interface FlowLink {
  source: string;
  target: string;
  value: number;
  /** Index of the first column's node the flow started from (for its colour). */
  colour: number;
}

export interface FlowGraph {
  nodes: FlowNode[];
  links: FlowLink[];
  steps: string[];
}

const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#b58840', '#28a197', '#912b88', '#505a5f', '#85994b'];

const textOf = (c: PublishedTable['rows'][number]['cells'][number] | undefined) => (c?.kind === 'text' ? c.text : null);

/** The nodes and links of a flow table (published counts above zero only). */
export function flowGraph(table: PublishedTable): FlowGraph | null {
  const d = table.display;
  if (!d || d.kind !== 'flow') return null;
  const steps: string[] = [];
  const nodes = new Map<string, FlowNode>();
  const node = (label: string, level: number) => {
    const id = `${level}\u0001${label}`;
    if (!nodes.has(id)) nodes.set(id, { id, label, level });
    return id;
  };
  const links: FlowLink[] = [];
  for (const row of table.rows) {
    const [step, from, to] = [textOf(row.cells[d.step]), textOf(row.cells[d.from]), textOf(row.cells[d.to])];
    const value = row.cells[d.value];
    if (step === null || from === null || to === null || value?.kind !== 'count' || value.value <= 0) continue;
    if (!steps.includes(step)) steps.push(step);
    const level = steps.indexOf(step);
    links.push({ source: node(from, level), target: node(to, level + 1), value: value.value, colour: 0 });
  }
  if (links.length === 0) return { nodes: [], links: [], steps };
  // Colour by the first column's node each flow comes from; later links take the colour of their largest inflow.
  const firsts = [...nodes.values()].filter((n) => n.level === 0).map((n) => n.id);
  const colourOf = new Map(firsts.map((id, i) => [id, i % PALETTE.length]));
  for (let level = 0; level <= steps.length; level++) {
    for (const l of links.filter((x) => nodes.get(x.source)!.level === level)) l.colour = colourOf.get(l.source) ?? PALETTE.length - 1;
    const inflow = new Map<string, FlowLink>();
    for (const l of links.filter((x) => nodes.get(x.source)!.level === level)) if ((inflow.get(l.target)?.value ?? -1) < l.value) inflow.set(l.target, l);
    for (const [id, l] of inflow) if (!colourOf.has(id)) colourOf.set(id, l.colour);
  }
  return { nodes: [...nodes.values()], links, steps };
}

/** Column headings from the steps ("Qualification to first job" -> "Qualification", "First job"). */
export function columnHeadings(steps: readonly string[]): string[] {
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  const parts = steps.map((s) => s.split(' to '));
  return [cap(parts[0]?.[0] ?? ''), ...parts.map((p) => cap(p.slice(1).join(' to ')))];
}

type LaidNode = SankeyNode<FlowNode, FlowLink>;
type LaidLink = SankeyLink<FlowNode, FlowLink>;

const WIDTH = 1000;
/** Room right of the last column for its labels. */
const LABEL_ROOM = 300;
const MAX_LABEL = 36;

/** A label cut to fit (the full text is in the node's title). */
function short(label: string): string {
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

export function FlowDiagram(props: { table: PublishedTable; titleId: string }) {
  const graph = flowGraph(props.table);
  if (graph === null) return null;
  if (graph.links.length === 0) return <p class="flow-empty">No route in this report has a published count above zero, so there is no diagram.</p>;
  const perColumn = Math.max(...[0, 1, 2, 3].map((l) => graph.nodes.filter((n) => n.level === l).length));
  const height = Math.max(360, perColumn * 44);
  const layout = sankey<FlowNode, FlowLink>()
    .nodeId((n) => n.id)
    .nodeAlign(sankeyLeft)
    .nodeWidth(14)
    .nodePadding(10)
    .extent([
      [1, 20],
      [WIDTH - LABEL_ROOM, height - 1],
    ]);
  const laid = layout({ nodes: graph.nodes.map((n) => ({ ...n })), links: graph.links.map((l) => ({ ...l })) });
  const path = sankeyLinkHorizontal<FlowNode, FlowLink>();
  const last = graph.steps.length;
  const total = graph.links.filter((l) => graph.nodes.find((n) => n.id === l.source)!.level === 0).reduce((a, l) => a + l.value, 0);
  return (
    <figure class="flow" data-flow={props.table.id}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={props.titleId} data-flow-svg="">
        <title id={props.titleId}>{`${props.table.title}: ${formatCount(total)} people in ${graph.links.length} links`}</title>
        {columnHeadings(graph.steps).map((h, i) => (
          <text class="flow-step" x={1 + (i * (WIDTH - LABEL_ROOM - 16)) / last} y={12} text-anchor="start">
            {h}
          </text>
        ))}
        <g fill="none">
          {(laid.links as LaidLink[]).map((l) => {
            const s = l.source as LaidNode;
            const t = l.target as LaidNode;
            return (
              <path
                d={path(l) ?? ''}
                stroke={PALETTE[l.colour]}
                stroke-opacity="0.45"
                stroke-width={Math.max(1, l.width ?? 1).toFixed(2)}
                data-people={l.value}
                data-from={s.label}
                data-to={t.label}
              >
                <title>{`${s.label} → ${t.label}: ${formatCount(l.value)} people`}</title>
              </path>
            );
          })}
        </g>
        {(laid.nodes as LaidNode[]).map((n) => (
          <g data-node={n.label} data-level={n.level}>
            <rect x={n.x0} y={n.y0} width={(n.x1 ?? 0) - (n.x0 ?? 0)} height={Math.max(1, (n.y1 ?? 0) - (n.y0 ?? 0))} fill="#0b0c0c" />
            <title>{`${n.label}: ${formatCount(n.value ?? 0)} people`}</title>
            <text class="flow-label" x={(n.x1 ?? 0) + 6} y={((n.y0 ?? 0) + (n.y1 ?? 0)) / 2} dy="0.35em" text-anchor="start">
              {`${short(n.label)} (${formatCount(n.value ?? 0)})`}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        Each band is a group of people going from a qualification to a first job, or from a first job to the job they held at the end; its
        width is the published number of people. The table below gives every link's figure.
      </figcaption>
    </figure>
  );
}
