/**
 * Options shared by `routeways publish` and `routeways run`: every analysis's
 * options (flags built from its schema; an option the pipeline sets per report
 * is left out, and a flag that two analyses use or that the site or policy
 * takes is prefixed with the analysis id: --clusters-level, --pathways-level,
 * --pathways-min-base), the site's, and the disclosure policy's.
 */
import type { Command } from 'commander';
import type { Analysis } from '../../analyses/analysis.js';
import { ANALYSES } from '../../analyses/registry.js';
import type { PublishOptions } from '../../pipeline/publish.js';
import { PUBLISHING_DEFAULTS } from '../../core/disclosure/policy.js';
import { addPolicyFlags, policyFromFlags, ptableFromFlags } from '../policy-options.js';
import { addSchemaFlags, parseFlags, schemaFlags, type SchemaFlag } from '../schema-options.js';

/** Flags the site and policy take, which analysis flags must not reuse. */
const TAKEN = ['regions', 'all', 'pdf', 'title', 'out', 'policy', 'ptable', 'method', 'min-count', 'rounding', 'min-base', 'singletons', 'intervals'];

/** A flag that two analyses use, or that the site or policy takes, is prefixed with the analysis id. */
function analysisFlags(analyses: readonly Analysis[]): Array<{ analysis: Analysis; flags: SchemaFlag[] }> {
  const plain = analyses.map((analysis) => ({ analysis, flags: schemaFlags(analysis.options, { pipeline: true }) }));
  const uses = new Map<string, number>();
  for (const { flags } of plain) for (const f of flags) uses.set(f.flag, (uses.get(f.flag) ?? 0) + 1);
  return plain.map(({ analysis, flags }) => ({
    analysis,
    flags: flags.map((f) => (TAKEN.includes(f.flag) || uses.get(f.flag)! > 1 ? { ...f, flag: `${analysis.id}-${f.flag}` } : f)),
  }));
}

export function addPublishOptions(cmd: Command, analyses: readonly Analysis[] = ANALYSES): Command {
  cmd
    .option('--regions <codes>', 'only these regions (comma-separated codes, names, GSS or report codes, e.g. NE,YH or RS01LN); default: every region in the dataset')
    .option('--no-all', 'leave out the report for all regions together (RS01ALL)')
    .option('--pdf', 'also render each report to PDF with Chromium (/usr/bin/chromium)')
    .option('--title <text>', 'title of the site');
  for (const { flags } of analysisFlags(analyses)) addSchemaFlags(cmd, flags);
  return addPolicyFlags(cmd);
}

/** The pipeline's options from the flags (usage errors name the flag). */
export async function publishOptions(o: Record<string, unknown>, out: string, analyses: readonly Analysis[] = ANALYSES): Promise<PublishOptions> {
  const options: Record<string, Record<string, unknown>> = {};
  for (const { analysis, flags } of analysisFlags(analyses)) options[analysis.id] = parseFlags(analysis.options, flags, o) as Record<string, unknown>;
  return {
    out,
    regions: typeof o.regions === 'string' ? o.regions.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    allRegions: o.all !== false,
    pdf: o.pdf === true,
    ...(typeof o.title === 'string' ? { title: o.title } : {}),
    analyses,
    options,
    policy: await policyFromFlags(o, PUBLISHING_DEFAULTS),
    ...(ptableFromFlags(o) ? { ptable: ptableFromFlags(o) } : {}),
  };
}
