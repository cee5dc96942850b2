/**
 * The downloads of a published site: every table as CSV (GSS symbols in place
 * of withheld figures), the protected network as JSON and GEXF, and a
 * Frictionless data package describing them all. Built from a ProtectedRelease
 * (tables) and the MapData made from its network, nothing else.
 */
import { UndirectedGraph } from 'graphology';
import gexfModule from 'graphology-gexf';
import type { PublishedTable } from '../core/disclosure/release.js';
import { SYMBOL_MEANINGS } from '../core/disclosure/release.js';
import type { StandardLabels } from '../core/results.js';
import { toCsv } from '../core/csv.js';
import { columnHasFlag, columnHasInterval, columnIsPercent, columnTypes, csvValue, SYMBOLS, type FieldType } from './format.js';
import type { MapData } from './map-data.js';
import { maxOf } from '../core/extent.js';

const gexf = ((gexfModule as { default?: unknown }).default ?? gexfModule) as typeof import('graphology-gexf');


export interface CsvField {
  name: string;
  title: string;
  type: FieldType;
  description?: string;
}

/** The CSV columns of a table: one per column, plus lower and upper interval bounds after shares that carry them. */
export function csvFields(table: PublishedTable): CsvField[] {
  const types = columnTypes(table);
  const fields: CsvField[] = [];
  const used = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; used.has(n); i++) n = `${name} (${i})`;
    used.add(n);
    return n;
  };
  // Repeated labels (seed 000's "No." and "%" under each side) are named after the nearest unrepeated column to their left.
  const repeats = new Map<string, number>();
  for (const c of table.columns) repeats.set(c.label, (repeats.get(c.label) ?? 0) + 1);
  let group = '';
  table.columns.forEach((c, i) => {
    const percent = columnIsPercent(table, i);
    let label = c.label;
    if ((repeats.get(c.label) ?? 0) > 1) label = group ? `${group}: ${c.label}` : c.label;
    else group = c.label;
    const name = unique(percent && !label.includes('%') ? `${label} (%)` : label);
    fields.push({ name, title: label, type: types[i], ...(percent ? { description: 'Percentage (0-100), one decimal place' } : {}) });
    if (columnHasInterval(table, i)) {
      fields.push({ name: unique(`${label}: lower 95% bound (%)`), title: `${label}: lower bound of the 95% interval`, type: 'number' });
      fields.push({ name: unique(`${label}: upper 95% bound (%)`), title: `${label}: upper bound of the 95% interval`, type: 'number' });
    }
    if (columnHasFlag(table, i)) {
      fields.push({ name: unique(`${label}: reliability`), title: `${label}: [u] where the figure has low reliability (a small base)`, type: 'string' });
    }
  });
  return fields;
}

/** Rows of the CSV as strings, in the order of csvFields. */
export function csvRows(table: PublishedTable): string[][] {
  const withInterval = table.columns.map((_, i) => columnHasInterval(table, i));
  const withFlag = table.columns.map((_, i) => columnHasFlag(table, i));
  return table.rows.map((row) => {
    const out: string[] = [];
    table.columns.forEach((_, i) => {
      const cell = row.cells[i] ?? { kind: 'empty' as const };
      out.push(csvValue(cell));
      if (withInterval[i]) {
        if (cell.kind === 'share' && cell.low !== undefined && cell.high !== undefined) {
          out.push((cell.low * 100).toFixed(1), (cell.high * 100).toFixed(1));
        } else if (cell.kind === 'symbol') {
          out.push(cell.symbol, cell.symbol);
        } else {
          out.push('', '');
        }
      }
      if (withFlag[i]) out.push(cell.kind === 'share' && cell.flag ? cell.flag : '');
    });
    return out;
  });
}

/** A published table as CSV text (UTF-8, header row; see src/core/csv.ts). */
export function tableCsv(table: PublishedTable): string {
  return toCsv([csvFields(table).map((f) => f.name), ...csvRows(table)]);
}

/** The protected network with its layout, as GEXF 1.3 (opens in Gephi). */
export function networkGexf(map: MapData): string {
  const names = new Map(map.clusters.map((c) => [c.id, c.name]));
  const colours = new Map(map.clusters.map((c) => [c.id, c.color]));
  const graph = new UndirectedGraph();
  const maxPeople = maxOf(map.nodes.map((n) => n.people), 1);
  for (const n of map.nodes) {
    graph.addNode(n.id, {
      label: n.label,
      x: n.x,
      y: n.y,
      size: +(3 + 12 * Math.sqrt(n.people / maxPeople)).toFixed(2),
      color: (n.cluster !== null && colours.get(n.cluster)) || '#8C8C8C',
      side: n.side,
      cluster: n.cluster ?? '',
      cluster_name: n.cluster !== null ? (names.get(n.cluster) ?? '') : '',
      people: n.people,
      ...(n.confidence !== undefined ? { confidence: n.confidence } : {}),
    });
  }
  for (const l of map.links) {
    if (graph.hasEdge(l.source, l.target)) continue;
    // Keys of our own: graphology's generated ones count every edge the process made, so the file would change between runs.
    graph.addEdgeWithKey(`e${graph.size}`, l.source, l.target, { weight: l.people, people: l.people, ...(l.lift !== undefined ? { lift: l.lift } : {}) });
  }
  return gexf.write(graph, { version: '1.3', pretty: true });
}

export interface DataResource {
  name: string;
  path: string;
  title: string;
  description?: string;
  format: string;
  mediatype: string;
  encoding: string;
  profile?: string;
  schema?: {
    fields: Array<{ name: string; title: string; type: string; description?: string }>;
    missingValues: string[];
  };
  /** Standard labels (seed 004): source, regularity, date, classification, spatial availability. */
  labels: StandardLabels;
  /** Report code the resource belongs to. */
  report: string;
}

export interface DataPackage {
  profile: 'data-package';
  name: string;
  title: string;
  description: string;
  created: string;
  licenses: Array<{ name: string; title: string; path: string }>;
  /** What each missing-value symbol means (GSS shorthand). */
  symbols: Record<string, string>;
  resources: DataResource[];
}

/** Frictionless resource name: lower case letters, digits and - _ . only. */
export function resourceName(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function tableResource(report: string, table: PublishedTable, path: string, labels: StandardLabels): DataResource {
  const notes = [table.caption, ...(table.notes ?? [])].filter((x): x is string => !!x);
  return {
    name: resourceName(report, table.id),
    path,
    title: `${table.title} (${report})`,
    ...(notes.length > 0 ? { description: notes.join(' ') } : {}),
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    profile: 'tabular-data-resource',
    schema: {
      fields: csvFields(table).map((f) => ({ name: f.name, title: f.title, type: f.type, ...(f.description ? { description: f.description } : {}) })),
      // Empty cells and GSS symbols stand for values that are not given.
      missingValues: ['', ...SYMBOLS],
    },
    labels,
    report,
  };
}

export function networkResources(report: string, jsonPath: string, gexfPath: string, labels: StandardLabels): DataResource[] {
  return [
    {
      name: resourceName(report, 'network-json'),
      path: jsonPath,
      title: `Network of qualifications and occupations (${report}), JSON`,
      description: 'Nodes (qualifications, occupations) with people, cluster, confidence and map position; links with people holding both. Nodes and links whose counts are withheld are left out.',
      format: 'json',
      mediatype: 'application/json',
      encoding: 'utf-8',
      labels,
      report,
    },
    {
      name: resourceName(report, 'network-gexf'),
      path: gexfPath,
      title: `Network of qualifications and occupations (${report}), GEXF`,
      format: 'gexf',
      mediatype: 'application/gexf+xml',
      encoding: 'utf-8',
      labels,
      report,
    },
  ];
}

export function dataPackage(name: string, title: string, created: string, resources: DataResource[]): DataPackage {
  return {
    profile: 'data-package',
    name: resourceName(name),
    title,
    description:
      'Protected statistics on which qualifications lead to which occupations. Every figure has passed disclosure control; withheld figures are shown with the UK Government Statistical Service symbols listed under "symbols".',
    created,
    licenses: [{ name: 'OGL-UK-3.0', title: 'Open Government Licence v3.0', path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' }],
    symbols: { ...SYMBOL_MEANINGS },
    resources,
  };
}
