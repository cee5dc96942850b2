/**
 * `routeways protect <results-dir...> --out <dir>`: disclosure control. Turns
 * the unprotected results.json of `clusters` and `pathways` runs into ONE
 * protected release (protected together, so no cell can be recovered by
 * combining them): CSV with GSS symbols, release.json and audit.json.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { protectReleaseSet } from '../../core/disclosure/protect.js';
import { PUBLISHING_DEFAULTS, type DisclosurePolicy } from '../../core/disclosure/policy.js';
import type { ProtectedRelease } from '../../core/disclosure/release.js';
import type { RiskUtility } from '../../core/disclosure/risk-utility.js';
import { riskUtilityTable } from '../risk-utility-table.js';
import type { AuditReport } from '../../release/audit-report.js';
import { addPolicyFlags, policyFromFlags, ptableFromFlags } from '../policy-options.js';
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
    .option('--compare', 'print risk and utility for perturbation and suppression on the same results (writes nothing)')
    .action(async (dirs: string[], opts: Record<string, unknown> & { out: string; json?: boolean; compare?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { quiet?: boolean };
      const policy = await policyFromFlags(opts, PUBLISHING_DEFAULTS);
      const ptable = ptableFromFlags(opts);
      const results = await Promise.all(dirs.map((d) => readResults(resolve(d))));
      if (opts.compare) {
        const both = (['perturbation', 'suppression'] as const).map((method) => ({ method, report: protectReleaseSet([results], { ...policy, method }, ptable ? { ptable } : {}).riskUtility }));
        process.stdout.write(opts.json ? JSON.stringify(both, null, 1) + '\n' : riskUtilityTable(both.map((b) => ({ label: b.method, riskUtility: b.report.overall }))));
        return;
      }
      const progress = createProgress({ quiet: global.quiet, label: 'Protecting', unit: 'count' });
      let set;
      try {
        set = protectReleaseSet([results], policy, { onProgress: progress.callback, ...(ptable ? { ptable } : {}) });
      } finally {
        progress.stop();
      }
      const release = set.releases[0]!;
      const out = resolve(opts.out);
      const written = await writeRelease(out, release, { intervalCells: policy.intervalCells });
      // Internal, beside the release: published against true figures.
      writeFileSync(join(out, 'risk-utility.json'), JSON.stringify(set.riskUtility, null, 1) + '\n');
      if (opts.json) {
        process.stdout.write(JSON.stringify(written.audit, null, 1) + '\n');
        return;
      }
      if (!global.quiet) process.stdout.write(summary(release, written.audit, policy, out, set.riskUtility.overall));
    });
}

function summary(release: ProtectedRelease, a: AuditReport, policy: DisclosurePolicy, out: string, ru: RiskUtility): string {
  const head = `Protected release of ${release.analyses.join(' + ')} for ${release.dataset}${release.region ? ` (${release.region})` : ''} written to ${out}`;
  if (policy.method === 'perturbation') {
    return [
      head,
      `  ${release.tables.length} tables; ${a.publishedCells ?? '?'} count cells published, each perturbed by the cell key method (none withheld)`,
      `  utility: mean change ${ru.meanAbsolutePerturbation.toFixed(2)} people, map draws ${(ru.mapLinks.drawnShare * 100).toFixed(0)}% of links with 3 or more people; risk: a published value hides a true 1 or 2 with probability at most ${(ru.smallCountRisk?.worstPositive ?? 0).toFixed(3)}`,
      `  risk-utility report (internal, do not publish): ${join(out, 'risk-utility.json')}`,
    ].join('\n') + '\n';
  }
  const iv = a.intervals;
  return [
    head,
    `  ${release.tables.length} tables; ${a.publishedCells ?? '?'} count cells published, ${a.suppressed.primary} suppressed as small (primary), ${a.suppressed.secondary} to protect them (secondary)`,
    `  audit: ${a.passed ? 'passed' : 'FAILED'} (${a.cellsChecked} suppressed cells checked; none can be worked out)` + (iv ? `; attacker intervals for ${iv.computed} cells${iv.skipped ? ` (${iv.skipped} not computed)` : ''}` : ''),
    `  policy: counts under ${policy.minCount} suppressed, rounded to ${policy.roundingBase ?? 'none'}, percentages need a base of ${policy.minBase}`,
  ].join('\n') + '\n';
}
