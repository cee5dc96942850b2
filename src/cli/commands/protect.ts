/**
 * `routeways protect <results-dir...> --out <dir>`: disclosure control. Turns
 * the unprotected results.json of `clusters` and `pathways` runs into ONE
 * protected release (protected together, so no cell can be recovered by
 * combining them): CSV with GSS symbols, release.json and audit.json.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { protect } from '../../core/disclosure/protect.js';
import { addPolicyFlags, policyFromFlags } from '../policy-options.js';
import { readResults, writeRelease } from '../../release/files.js';
import { createProgress } from '../progress.js';

export function register(program: Command): void {
  const cmd = program
    .command('protect')
    .description('disclosure control: suppress, round and audit analysis results into one protected release')
    .argument('<results-dir...>', 'folders holding results.json written by `routeways clusters` / `routeways pathways` (or the results.json files)')
    .requiredOption('-o, --out <dir>', 'folder to write the protected release into')
    .option('--json', 'print the audit report as JSON on stdout');
  addPolicyFlags(cmd)
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
    .action(async (dirs: string[], opts: Record<string, unknown> & { out: string; json?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { quiet?: boolean };
      const policy = await policyFromFlags(opts);
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
