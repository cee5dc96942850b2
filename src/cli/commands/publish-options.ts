/**
 * Options shared by `routeways publish` and `routeways run`: the analyses'
 * settings and the disclosure policy, parsed into the publish pipeline's
 * options with clear usage errors.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { PolicyInput } from '../../core/disclosure/policy.js';
import type { PublishOptions } from '../../publish/publish-dataset.js';

export interface AnalysisCliOptions {
  regions?: string;
  all: boolean;
  pdf?: boolean;
  seed: string;
  restarts: string;
  bootstrap: string;
  resolution: string;
  occupationBy: string;
  minPeople: string;
  level: string;
  mapping?: string;
  policy?: string;
  minCount?: string;
  rounding?: string;
  minBase?: string;
  title?: string;
}

export function addPublishOptions(cmd: Command): Command {
  return cmd
    .option('--regions <codes>', 'only these regions (comma-separated codes, report codes or names, e.g. NE,YH or RS01LN); default: every region in the dataset')
    .option('--no-all', 'leave out the report for all regions together (RS01ALL)')
    .option('--pdf', 'also render each report to PDF with Chromium (/usr/bin/chromium)')
    .option('--title <text>', 'title of the site')
    .option('--seed <n>', 'random seed of clustering and the map layout', '1')
    .option('--restarts <n>', 'clustering runs per report, the best kept', '10')
    .option('--bootstrap <n>', 'bootstrap replicates for confidence (0 for none)', '100')
    .option('--resolution <gamma>', 'resolution of the modularity (higher: more, smaller clusters)', '1')
    .option('--occupation-by <grouping>', 'occupations by title (as entered) or soc (SOC sub-major group)', 'title')
    .option('--min-people <n>', 'leave out qualifications and occupations held by fewer people before clustering', '1')
    .option('--level <level>', "pathways: level of the highest qualification, 2, 3 or 'all'", 'all')
    .option('--mapping <name>', 'pathways: related-occupation mapping, name or name@version')
    .option('--policy <file>', 'disclosure policy file (JSON: minCount, roundingBase, minBase, protectSingletons)')
    .option('--min-count <n>', 'disclosure: smallest count published (default 10)')
    .option('--rounding <n>', "disclosure: round counts to this base, or 'none' (default 5)")
    .option('--min-base <n>', 'disclosure: smallest base a percentage is shown on (default 30)');
}

function whole(flag: string, v: string, min = 0): number {
  const x = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(x) || x < min) throw new UsageError(`${flag} ${v}: expected a whole number of at least ${min}`);
  return x;
}

function decimal(flag: string, v: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || x < 0) throw new UsageError(`${flag} ${v}: expected a number >= 0`);
  return x;
}

export function publishOptions(o: AnalysisCliOptions, out: string): PublishOptions {
  let policy: PolicyInput = {};
  if (o.policy) {
    try {
      policy = JSON.parse(readFileSync(o.policy, 'utf8')) as PolicyInput;
    } catch (err) {
      throw new UsageError(`--policy ${o.policy}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (o.minCount !== undefined) policy = { ...policy, minCount: whole('--min-count', o.minCount, 1) };
  if (o.rounding !== undefined) policy = { ...policy, roundingBase: o.rounding === 'none' ? null : whole('--rounding', o.rounding, 1) };
  if (o.minBase !== undefined) policy = { ...policy, minBase: whole('--min-base', o.minBase) };
  if (o.occupationBy !== 'title' && o.occupationBy !== 'soc') throw new UsageError(`--occupation-by ${o.occupationBy}: expected title or soc`);
  if (!['2', '3', 'all'].includes(o.level)) throw new UsageError(`--level ${o.level}: expected 2, 3 or all`);
  const seed = whole('--seed', o.seed);
  return {
    out,
    regions: o.regions ? o.regions.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    allRegions: o.all,
    pdf: o.pdf === true,
    ...(o.title ? { title: o.title } : {}),
    clusters: {
      seed,
      restarts: whole('--restarts', o.restarts, 1),
      bootstrap: whole('--bootstrap', o.bootstrap),
      resolution: decimal('--resolution', o.resolution),
      occupationBy: o.occupationBy,
      minPeople: whole('--min-people', o.minPeople, 1),
    },
    pathways: {
      level: o.level === 'all' ? 'all' : (Number(o.level) as 2 | 3),
      ...(o.mapping ? { mapping: o.mapping } : {}),
    },
    policy,
  };
}
