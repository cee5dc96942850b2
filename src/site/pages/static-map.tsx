/**
 * The map as a static SVG, drawn at publish time from the same positions as
 * the interactive map. Shown when printing (a WebGL canvas does not print
 * reliably), when scripts are off, and when WebGL is unavailable.
 */
import type { MapData } from '../map-data.js';
import { OTHER_COLOR } from '../map-data.js';
import { naturalCompare } from '../../core/natural-order.js';
import { maxOf, minOf } from '../../core/extent.js';

const WIDTH = 1000;
const HEIGHT = 700;
const PAD = 40;
/** Labels only for the largest nodes: more would overlap on paper. */
const MAX_LABELS = 30;

export function StaticMap(props: { data: MapData; titleId: string }) {
  const { data } = props;
  if (data.nodes.length === 0) return null;
  const xs = data.nodes.map((n) => n.x);
  const ys = data.nodes.map((n) => n.y);
  const minX = minOf(xs);
  const maxX = maxOf(xs);
  const minY = minOf(ys);
  const maxY = maxOf(ys);
  const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1e-9, maxX - minX), (HEIGHT - 2 * PAD) / Math.max(1e-9, maxY - minY));
  const px = (x: number) => +(PAD + (x - minX) * scale).toFixed(1);
  // SVG y grows downwards; the interactive map's grows upwards.
  const py = (y: number) => +(HEIGHT - PAD - (y - minY) * scale).toFixed(1);
  const colour = new Map(data.clusters.map((c) => [c.id, c.color]));
  const maxPeople = maxOf(data.nodes.map((n) => n.people), 1);
  const maxLink = maxOf(data.links.map((l) => l.people), 1);
  const pos = new Map(data.nodes.map((n) => [n.id, [px(n.x), py(n.y)] as const]));
  const labelled = new Set(
    [...data.nodes]
      .sort((a, b) => b.people - a.people || naturalCompare(a.label, b.label))
      .slice(0, MAX_LABELS)
      .map((n) => n.id),
  );
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={props.titleId} xmlns="http://www.w3.org/2000/svg">
      <title id={props.titleId}>{`Map of ${data.nodes.length} qualifications and occupations and ${data.links.length} links, coloured by cluster`}</title>
      <g stroke="#5a5a5a" stroke-opacity="0.35" stroke-linecap="round">
        {data.links.map((l) => {
          const a = pos.get(l.source);
          const b = pos.get(l.target);
          if (!a || !b) return null;
          return <line x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke-width={+(0.5 + 4 * Math.sqrt(l.people / maxLink)).toFixed(2)} />;
        })}
      </g>
      <g stroke="#1b1b1b" stroke-width="0.6">
        {data.nodes.map((n) => {
          const [x, y] = pos.get(n.id)!;
          return <circle cx={x} cy={y} r={+(2.5 + 10 * Math.sqrt(n.people / maxPeople)).toFixed(2)} fill={(n.cluster !== null && colour.get(n.cluster)) || OTHER_COLOR} />;
        })}
      </g>
      <g font-size="11" font-family="system-ui, sans-serif" fill="#1b1b1b" paint-order="stroke" stroke="#fff" stroke-width="3">
        {data.nodes
          .filter((n) => labelled.has(n.id))
          .map((n) => {
            const [x, y] = pos.get(n.id)!;
            return (
              <text x={x + 6} y={y - 6}>
                {n.label}
              </text>
            );
          })}
      </g>
    </svg>
  );
}
