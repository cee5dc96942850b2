/**
 * `routeways protect <results-dir...> --out <dir>`: disclosure control. Turns
 * the unprotected results.json of `clusters` and `pathways` runs into ONE
 * protected release (protected together, so no cell can be recovered by
 * combining them): CSV with GSS symbols, release.json and audit.json.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import { protect } from '../../core/disclosure/protect.js';
import { POLICY_DOCS, PolicyError, resolvePolicy, type PolicyInput } from '../../core/disclosure/policy.js';
import { readResults, writeRelease } from '../../publish/release-files.js';
import { createProgress } from '../progress.js';

interface ProtectCliOptions {
  out: string;
  minCount?: string;
  rounding?: string;
  minBase?: string;
  policy?: string;
  singletons?: boolean;
  intervals?: string;
  json?: boolean;
}

function whole(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

async function readPolicyFile(file: string): Promise<PolicyInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`cannot read policy file ${file}`, { file });
  }
  try {
    return JSON.parse(text) as PolicyInput;
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`, { file });
  }
}

export function register(program: Command): void {
  program
    .command('protect')
    .description('disclosure control: suppress, round and audit analysis results into one protected release')
    .argument('<results-dir...>', 'folders holding results.json written by `routeways clusters` / `routeways pathways` (or the results.json files)')
    .requiredOption('-o, --out <dir>', 'folder to write the protected release into')
    .option('--min-count <n>', POLICY_DOCS.minCount)
    .option('--rounding <n|none>', POLICY_DOCS.roundingBase)
    .option('--min-base <n>', POLICY_DOCS.minBase)
    .option('--no-singletons', 'do not guard against a person counted alone in a cell (not recommended)')
    .option('--intervals <n>', POLICY_DOCS.intervalCells)
    .option('--policy <file.json>', 'a policy file: {"minCount":10,"roundingBase":5,"minBase":30,"protectSingletons":true,"intervalCells":200}; options given here win')
    .option('--json', 'print the audit report as JSON on stdout')
    .addHelpText(
      'after',
      `
Example:
  routeways protect ./clusters-out ./pathways-l2 --out ./release
  routeways protect ./clusters-out --out ./release --min-count 5 --rounding none

Writes tables/*.csv (GSS symbols: [c] confidential, [x] not available,
[z] not applicable, [low] rounds to zero), count-tables/*.csv, release.json and
audit.json. Refuses to write a release that fails the audit.`,
    )
    .action(async (dirs: string[], opts: ProtectCliOptions, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { quiet?: boolean };
      const cli: PolicyInput = {};
      if (opts.minCount !== undefined) cli.minCount = whole('--min-count', opts.minCount);
      if (opts.rounding !== undefined) cli.roundingBase = opts.rounding === 'none' ? null : whole('--rounding', opts.rounding);
      if (opts.minBase !== undefined) cli.minBase = whole('--min-base', opts.minBase);
      if (opts.singletons === false) cli.protectSingletons = false;
      if (opts.intervals !== undefined) cli.intervalCells = whole('--intervals', opts.intervals);
      const fromFile = opts.policy ? await readPolicyFile(opts.policy) : undefined;
      let policy;
      try {
        policy = resolvePolicy(fromFile, cli);
      } catch (e) {
        if (e instanceof PolicyError) throw new UsageError(e.message);
        throw e;
      }
      const results = await Promise.all(dirs.map((d) => readResults(resolve(d))));
      const progress = createProgress({ quiet: global.quiet, label: 'Protecting', unit: 'count' });
      let release;
      try {
        release = protect(results, policy, { onProgress: progress.callback });
      } finally {
        progress.stop();
      }
      const out = resolve(opts.out);
      const written = await writeRelease(out, release, { intervalCells: policy.intervalCells });
      if (opts.json) {
        process.stdout.write(JSON.stringify(written.audit, null, 1) + '\n');
        return;
      }
      if (!global.quiet) {
        const a = written.audit;
        const iv = a.intervals;
        process.stdout.write(
          [
            `Protected release of ${release.analyses.join(' + ')} for ${release.dataset}${release.region ? ` (${release.region})` : ''} written to ${out}`,
            `  ${release.tables.length} tables; ${a.publishedCells ?? '?'} count cells published, ${a.suppressed.primary} suppressed as small (primary), ${a.suppressed.secondary} to protect them (secondary)`,
            `  audit: ${a.passed ? 'passed' : 'FAILED'} (${a.cellsChecked} suppressed cells checked; none can be worked out)` +
              (iv ? `; attacker intervals for ${iv.computed} cells${iv.skipped ? ` (${iv.skipped} not computed)` : ''}` : ''),
            `  policy: counts under ${policy.minCount} suppressed, rounded to ${policy.roundingBase ?? 'none'}, percentages need a base of ${policy.minBase}`,
          ].join('\n') + '\n',
        );
      }
    });
}
