/**
 * `routeways progression <dataset>`: the basket of progression measures
 * (seed 004) and career routes, printed as a summary of everyone followed up
 * and, with --out, written as unprotected internal results (results.json
 * and CSVs) for `routeways protect`. Publishing goes through `publish`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { toCsv } from '../../core/csv.js';
import { countTableRows, reportTableRows } from '../../core/pathways/render.js';
import { MEASURES } from '../../core/progression/catalogue.js';
import { measureLabel } from '../../core/progression/publish-measures.js';
import { basketOfMeasures } from '../../core/progression/basket.js';
import { openDataset } from '../../analyses/analysis.js';
import { progressionOptions, runProgression } from '../../analyses/progression/index.js';
import { REGION_SPELLINGS } from '../../reference/regions.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';
import { addSchemaFlags, parseFlags, schemaFlags } from '../schema-options.js';

const FLAGS = schemaFlags(progressionOptions);

export const README_TEXT = `Routeways progression: UNPROTECTED INTERNAL RESULTS

The files in this folder hold counts of people and medians before disclosure
control, including very small counts. They are for the analyst's own checking
only. To publish, run disclosure control on results.json (routeways protect /
routeways publish), which perturbs or suppresses every count, withholds pay
and hours figures on small bases and audits the release.

  results.json         the Results bundle ("protected": false)
  <report table>.csv   each report table (measures by SSA, level, type, title, region; routes; flow links)
  counts-<table>.csv   each count table: one column per dimension (codes), n
`;

interface CliOptions {
  region?: string;
  out?: string;
  json?: boolean;
  [flag: string]: unknown;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The everyone row of each measure, as lines of text. */
function summaryLines(basket: ReturnType<typeof basketOfMeasures>[number] | undefined): string[] {
  if (!basket) return [];
  return MEASURES.map((m) => {
    const x = basket.measures.find((v) => v.id === m.id);
    if (!x || x.value === null) return `  ${pad(measureLabel(m), 62)} base ${x?.base ?? 0}: no value`;
    const v = m.kind === 'share' ? `${(x.value * 100).toFixed(1)}%` : m.unit === 'change' ? `${(x.value * 100).toFixed(1)}%` : x.value.toFixed(2);
    const ci = x.low !== null && x.high !== null ? (m.kind === 'share' || m.unit === 'change' ? ` (${(x.low * 100).toFixed(1)}-${(x.high * 100).toFixed(1)})` : ` (${x.low.toFixed(2)}-${x.high.toFixed(2)})`) : '';
    return `  ${pad(measureLabel(m), 62)} ${pad(v + ci, 22)} base ${x.base}${x.lowBase ? ' [u]' : ''}`;
  });
}

export function register(program: Command): void {
  const cmd = program
    .command('progression')
    .description('the basket of progression measures (UKCES 2011) and career routes from employment histories, with 95% intervals (unprotected internal results)')
    .argument('<dataset>', 'name of an imported dataset with employment histories')
    .option('-o, --out <dir>', 'folder to write results.json and the CSV files into')
    .option('--region <region>', `only people of this region (${REGION_SPELLINGS})`)
    .option('--json', 'print a JSON summary on stdout');
  addSchemaFlags(cmd, FLAGS)
    .addHelpText(
      'after',
      `
Example:
  routeways progression demo
  routeways progression demo --months 24 --by ssa,level --low-pay 10.50 --out ./progression-24

Prints everyone's measures; --out writes every table (unprotected: internal use only, see README.txt).`,
    )
    .action(async (datasetName: string, opts: CliOptions, c: Command) => {
      const global = c.optsWithGlobals() as { db?: string; quiet?: boolean };
      const options = parseFlags(progressionOptions, FLAGS, opts);
      const store = await openStore(global.db, { mustExist: true });
      const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Progression', unit: 'count' });
      let run;
      try {
        run = await runProgression(await openDataset(store, datasetName), options, { region: opts.region ?? null, onProgress: (d, t) => progress.update(d, t) });
      } finally {
        progress.stop();
        store.close();
      }
      const { results, counts } = run;
      const files: string[] = [];
      if (opts.out) {
        const out = resolve(opts.out);
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'README.txt'), README_TEXT);
        writeFileSync(join(out, 'results.json'), JSON.stringify(results) + '\n');
        files.push('README.txt', 'results.json');
        for (const t of results.reportTables) {
          writeFileSync(join(out, `${t.id}.csv`), toCsv(reportTableRows(results, t)));
          files.push(`${t.id}.csv`);
        }
        for (const t of results.countTables) {
          writeFileSync(join(out, `counts-${t.id}.csv`), toCsv(countTableRows(t)));
          files.push(`counts-${t.id}.csv`);
        }
      }
      const everyone = basketOfMeasures(counts.aggregates.filter((g) => g.by.length === 0), options.minBase)[0];
      const summary = {
        protected: false,
        dataset: results.dataset,
        region: results.region,
        months: options.months,
        coverage: counts.coverage,
        lowPayThreshold: counts.context.lowPayThreshold,
        reportTables: results.reportTables.map((t) => ({ id: t.id, rows: t.rows.length })),
        everyone: everyone?.measures ?? [],
        ...(opts.out ? { out: resolve(opts.out), files } : {}),
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        return;
      }
      if (global.quiet) return;
      const cov = counts.coverage;
      process.stdout.write(
        [
          `Dataset ${results.dataset}${results.region ? `, region ${results.region}` : ''}: ${cov.analysed.toLocaleString('en-GB')} of ${cov.people.toLocaleString('en-GB')} people followed up for ${options.months} months ` +
            `(${cov.noQualification} without a qualification, ${cov.noDate} without an achievement date, ${cov.incomplete} whose window ends after the records).`,
          `Low pay: below ${counts.context.lowPayThreshold === null ? 'no threshold (no pay recorded)' : `£${counts.context.lowPayThreshold.toFixed(2)} an hour`}.`,
          'Everyone followed up (value, 95% interval, base; [u]: base under the minimum):',
          ...summaryLines(everyone),
          ...(opts.out ? [`Wrote ${results.reportTables.length} report tables and ${results.countTables.length} count tables (${files.length} files) to ${resolve(opts.out)}`] : []),
          'These are UNPROTECTED internal results: do not publish them (routeways publish protects them first).',
        ].join('\n') + '\n',
      );
    });
}
