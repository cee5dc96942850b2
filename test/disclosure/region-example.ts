/**
 * The hand-made differencing example: welders in all regions and in three
 * regions, the North East's 5 withheld, the others published.
 */
import type { CountTable, Results } from '../../src/core/results.js';

export const NODES = ['q:welding', 'q:plumbing'];

/** A clusters-like report: people holding each qualification in one region (or all). */
export function report(region: string | null, counts: Record<string, number>): Results {
  const table: CountTable = {
    id: 'node_people',
    title: 'People holding each qualification',
    dimensions: [{ id: 'node', label: 'Qualification', categories: NODES.map((n) => ({ code: n, label: n })) }],
    additive: false,
    cells: NODES.filter((n) => counts[n]! > 0).map((n) => ({ keys: [n], n: counts[n]! })),
    sumsAcrossRegions: true,
  };
  return {
    protected: false,
    analysis: 'clusters',
    dataset: 'hand',
    region,
    settings: {},
    countTables: [table],
    reportTables: [
      {
        id: 'members',
        title: 'Qualifications',
        section: 'clusters',
        columns: [
          { id: 'q', label: 'Qualification' },
          { id: 'people', label: 'People' },
        ],
        rows: NODES.map((n) => ({ id: n, cells: [{ kind: 'text', text: n }, { kind: 'count', ref: { table: 'node_people', keys: [n] } }] })),
      },
    ],
  };
}

// Welding: 50 people in all regions; 5 in the North East (suppressed), 20 + 25 elsewhere.
export const ALL = { 'q:welding': 50, 'q:plumbing': 105 };
export const REGIONS: Array<[string, Record<string, number>]> = [
  ['NE', { 'q:welding': 5, 'q:plumbing': 40 }],
  ['NW', { 'q:welding': 20, 'q:plumbing': 30 }],
  ['YH', { 'q:welding': 25, 'q:plumbing': 35 }],
];
