/**
 * The progression analysis as a publishable Results bundle: one measures
 * table per grouping dimension, the career-route flow diagram and routes
 * table, with sections, headlines, labels and method notes declared for the
 * site. Pure: takes the counts (with cell keys) and readers' labels.
 */
import type { Headline, Results, Section, Settings } from '../results.js';
import type { ProgressionCounts } from './counts.js';
import { MAGNITUDES, groupsOf, measureCountTable, measureReportTable, TOTAL, type DimensionSpec } from './publish-measures.js';
import { routeTables, type FlowOptions, type RouteLabels } from './publish-routes.js';

export const PROGRESSION_SECTIONS: Section[] = [
  {
    id: 'progression',
    heading: 'Progression after a qualification',
    intro:
      'What happened in work in the months after people achieved their highest qualification: whether they were in work, their pay and hours, contracts, job exits, benefit claims, low pay, training and moves up a skill level (the "basket of measures" of UKCES, 2011).',
  },
  {
    id: 'progression-routes',
    heading: 'Career routes',
    intro: 'The routes people took from a qualification to their first job and on to the job they held at the end of the follow-up window.',
  },
];

export interface ProgressionPublishInput {
  dataset: string;
  region: string | null;
  counts: ProgressionCounts;
  /** The dimensions tabulated, each alone (in this order). */
  dimensions: DimensionSpec[];
  routeLabels: RouteLabels;
  flow: FlowOptions;
  settings: Settings;
  socClassification: string;
  regionLabel: (code: string) => string;
}

function headlines(countTable: string, months: number): Headline[] {
  const ref = (m: string) => ({ table: countTable, keys: [TOTAL, m] });
  return [
    {
      id: 'progression-followed-up',
      label: 'People followed up',
      figure: { kind: 'count', ref: ref('people') },
      sentence: { text: `{value} people were followed up for ${months} months after their highest qualification {where}.` },
    },
    {
      id: 'progression-in-work',
      label: 'In work at the end of the window',
      figure: { kind: 'share', num: ref('in_work_end:with'), den: ref('in_work_end:base') },
      sentence: { text: `{value} of them were in work ${months} months on.` },
    },
  ];
}

export function progressionMethodNotes(counts: ProgressionCounts, minBase: number): string[] {
  const s = counts.settings;
  const precision = Object.entries(MAGNITUDES)
    .map(([m, x]) => `${m.replace(/_/g, ' ')} to ${x.words}`)
    .join(', ');
  const lowPay =
    s.lowPay.hourly !== undefined
      ? `below £${s.lowPay.hourly.toFixed(2)} an hour (as set)`
      : `below ${Math.round(s.lowPay.share * 100)}% of the dataset's median hourly pay (the OECD and ONS definition)`;
  return [
    `Each person is followed for ${s.months} months from the achievement date of their highest qualification (marked highest, else the highest level, then the latest, then the first listed); people whose window ends after the records do are left out.`,
    'The first job is the one held on the achievement date (else the first one started in the window); the job at the end is the one held on the day the window ends. Pay is made comparable as gross pay an hour from its period and weekly hours.',
    `Low pay is hourly pay ${lowPay}. A real wage gain beats price rises (${s.realGain.priceIndex ? 'the price index given' : `${Math.round(s.realGain.inflation * 1000) / 10}% a year`}) between the two jobs' start dates.`,
    `Shares have Wilson 95% intervals; medians an exact 95% interval from order statistics; months in work (a mean) a normal 95% interval. Bases under ${minBase} people (the DfE's minimum) are flagged or withheld.`,
    `Pay and hours figures (medians, and the mean months in work) are protected as magnitudes by a base rule and rounding, not by perturbing their values: each is published only where at least ${minBase} people are behind it (their true count and, under the cell key method, their published count), and rounded (${precision}). A median of that many people is a middle value, never the highest or lowest, and its interval ends are at least a third of the way in from each end; rounding stops a published figure from giving any one person's exact pay or hours. The counts behind every figure go through the release's disclosure method like all others.`,
  ];
}

/** The Results of a progression run: every table declared for publishing. */
export function progressionResults(x: ProgressionPublishInput): Results {
  const minBase = x.counts.settings.minBase;
  const tables = x.dimensions.map((spec) => {
    const groups = groupsOf(x.counts.aggregates, spec.id, spec.complete, minBase);
    const countTable = measureCountTable(`progression-${spec.id}`, spec, groups, spec.id !== 'region' && spec.sameInEveryRegion !== false);
    return { countTable, report: measureReportTable(`progression-by-${spec.id}`, countTable.id, spec, groups, 'progression', minBase) };
  });
  const routes = routeTables(x.counts.routes, x.routeLabels, x.flow, 'progression-routes');
  const main = tables[0]?.countTable.id;
  return {
    protected: false,
    analysis: 'progression',
    title: 'Progression after a qualification',
    dataset: x.dataset,
    region: x.region,
    settings: x.settings,
    findings: { followedUp: x.counts.coverage.analysed, people: x.counts.coverage.people, onRoutesDrawn: routes.drawn },
    countTables: [...tables.map((t) => t.countTable), routes.countTable],
    reportTables: [...tables.map((t) => t.report), routes.flow, routes.routes],
    labels: {
      source: `Routeways progression analysis of the employment histories of "${x.dataset}"`,
      classification: ['SSA tier 1', x.socClassification, 'SOC major group skill levels'],
      spatialAvailability: x.region ? `Region ${x.regionLabel(x.region)}` : 'All regions',
    },
    sections: PROGRESSION_SECTIONS,
    headlines: main ? headlines(main, x.counts.settings.months) : [],
    methodNotes: progressionMethodNotes(x.counts, minBase),
  };
}
