/**
 * Bar charts drawn on the server as SVG, so a chart is there without
 * JavaScript and prints. Horizontal bars (long category labels read better
 * across), grouped when a table has columns; each bar carries its value as
 * text and a <title>, and the table beside the chart holds the same figures.
 */

export interface Bar {
  label: string;
  /** One value per series; null is a withheld figure (no bar drawn). */
  values: Array<number | null>;
}

export interface ChartProps {
  id: string;
  title: string;
  series: string[];
  bars: Bar[];
  format: (v: number) => string;
}

/** Colours from the GOV.UK palette that keep 3:1 contrast against white. */
export const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#f47738', '#28a197', '#b58840', '#d53880'];

const LABEL_W = 260;
const BAR_AREA = 340;
const VALUE_W = 70;
const BAR_H = 18;
const GAP = 10;
const MAX_LABEL = 40;

function short(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

export function BarChart(props: ChartProps) {
  const per = props.series.length;
  const groupH = per * BAR_H + GAP;
  const top = 4;
  const height = top + props.bars.length * groupH;
  const width = LABEL_W + BAR_AREA + VALUE_W;
  const max = Math.max(1, ...props.bars.flatMap((b) => b.values.map((v) => v ?? 0)));
  const titleId = `${props.id}-title`;
  return (
    <figure class="rw-chart" id={props.id}>
      {per > 1 ? (
        <ul class="rw-chart__legend" aria-label="Key">
          {props.series.map((s, i) => (
            <li>
              <svg width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" fill={PALETTE[i % PALETTE.length]} />
              </svg>{' '}
              {s}
            </li>
          ))}
        </ul>
      ) : null}
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={titleId} data-bars={String(props.bars.length)}>
        <title id={titleId}>{props.title}</title>
        {props.bars.map((b, gi) => {
          const y0 = top + gi * groupH;
          return (
            <g class="rw-chart__group">
              <text x={LABEL_W - 8} y={y0 + (per * BAR_H) / 2 + 4} text-anchor="end" font-size="13">
                <title>{b.label}</title>
                {short(b.label)}
              </text>
              {b.values.map((v, si) => {
                const y = y0 + si * BAR_H;
                const w = v === null ? 0 : Math.max(1, (v / max) * BAR_AREA);
                const text = v === null ? 'withheld' : props.format(v);
                return (
                  <g>
                    {v === null ? null : (
                      <rect class="rw-chart__bar" x={LABEL_W} y={y + 2} width={w.toFixed(1)} height={BAR_H - 4} fill={PALETTE[si % PALETTE.length]}>
                        <title>{`${b.label}${per > 1 ? `, ${props.series[si]}` : ''}: ${text}`}</title>
                      </rect>
                    )}
                    <text x={LABEL_W + w + 4} y={y + BAR_H - 5} font-size="12">
                      {text}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption class="govuk-body-s">{props.title}. The table below holds the same figures.</figcaption>
    </figure>
  );
}
