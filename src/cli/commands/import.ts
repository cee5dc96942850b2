/**
 * `routeways import <folder> --name <dataset>`: read an outcome extract,
 * validate it, link the files by person_id and store it as a dataset in one
 * transaction; print the linkage report.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../../core/errors.js';
import { mergeMaps, parseMapFlags, readMapFile, type ColumnMap } from '../../ingest/column-map.js';
import { ImportError, importExtract, type ImportReport } from '../../ingest/import.js';
import { formatProblem } from '../../ingest/problems.js';
import { openStore } from '../../store/database.js';
import { codeDatasetIn, type DatasetCoding } from '../../coding/dataset-coding.js';
import { formatDatasetCoding } from './coding-report.js';
import { createProgress } from '../progress.js';

const n = (x: number): string => x.toLocaleString('en-GB');

const ENCODINGS = ['utf-8', 'latin-1', 'utf-16'] as const;
const SOC_VERSIONS = ['2010', '2020'] as const;

/** The import command's options, as commander gives them: the one place for their rules and defaults. */
export const importOptionsSchema = z.object({
  name: z.string(),
  map: z.array(z.string()).default([]),
  skipInvalid: z.boolean().default(false),
  replace: z.boolean().default(false),
  encoding: z.enum(ENCODINGS, { error: `expected ${ENCODINGS.join(', ').replace(/, ([^,]*)$/, ' or $1')}` }).default('utf-8'),
  soc: z.enum(SOC_VERSIONS, { error: 'expected 2010 or 2020' }).default('2020'),
  json: z.boolean().default(false),
  code: z.boolean().default(false),
  codeThreshold: z.coerce.number({ error: 'expected a number from 0 to 100' }).min(0, { error: 'expected a number from 0 to 100' }).max(100, { error: 'expected a number from 0 to 100' }).optional(),
});

export type ImportCliOptions = z.infer<typeof importOptionsSchema>;

const FLAGS: Record<string, string> = { skipInvalid: '--skip-invalid', codeThreshold: '--code-threshold' };

/** Check commander's options; a problem is a UsageError in the user's words: "--soc 2019: expected 2010 or 2020". */
export function parseImportOptions(raw: Record<string, unknown>): ImportCliOptions {
  const parsed = importOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue.path[0]);
  const value = raw[key];
  throw new UsageError(`${FLAGS[key] ?? `--${key}`}${value === undefined ? '' : ` ${String(value)}`}: ${issue.message}`);
}

const defaultOf = (key: 'encoding' | 'soc'): string => importOptionsSchema.shape[key].parse(undefined);

export function register(program: Command): void {
  program
    .command('import')
    .description('import an outcome extract (people, qualifications, occupations, optional related; CSV or Parquet) as a dataset')
    .argument('<folder>', 'folder holding the extract\'s files (people.csv or people.parquet, ...)')
    .requiredOption('-n, --name <dataset>', 'name of the dataset to create')
    .option(
      '-m, --map <mapping>',
      'column mapping: column=HEADER (e.g. person_id=PID, qualifications.level=NVQ_LEVEL) or a JSON file; repeatable',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--skip-invalid', 'import the valid rows and list the others in the rejects file')
    .option('--replace', 'replace a dataset of the same name')
    .option('--encoding <encoding>', `text encoding of CSV files: ${ENCODINGS.join(', ')} (default: ${defaultOf('encoding')})`)
    .option('--soc <version>', `SOC version of the occupation codes: ${SOC_VERSIONS.join(' or ')} (default: ${defaultOf('soc')})`)
    .option('--code', 'code occupation and qualification titles (SOC 2020, SSA) and fill missing codes from accepted ones, in the same transaction; SOC 2010 codes are converted to SOC 2020')
    .option('--code-threshold <n>', 'with --code: confidence (0-100) from which a code is auto-accepted (default 64)')
    .option('--json', 'print the import report as JSON')
    .addHelpText(
      'after',
      `
Example:
  routeways import ./extract --name cfo-2013
  routeways import ./extract --name cfo-2013 --map person_id=PID --map qualifications.level=NVQ_LEVEL --skip-invalid
  routeways import ./extract --name cfo-2013 --code          # titles coded, missing SOC/SSA filled`,
    )
    .action(async (folder: string, raw: Record<string, unknown>, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      await runImport(folder, parseImportOptions(raw), global);
    });
}

async function runImport(folder: string, opts: ImportCliOptions, global: { db?: string; quiet?: boolean }): Promise<void> {
  if (opts.codeThreshold !== undefined && !opts.code) throw new UsageError('--code-threshold: only with --code');
  const map = buildMap(opts.map);
  const store = await openStore(global.db);
  const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Importing', unit: 'bytes' });
  // Ctrl-C: stop DuckDB's running query so the transaction rolls back cleanly; a second one exits at once.
  let interrupted = false;
  // Once COMMIT has begun an interrupt could land inside it and leave the outcome unclear: let it finish.
  let committing = false;
  const onSigint = () => {
    progress.stop();
    if (interrupted) process.exit(130);
    if (committing) {
      process.stderr.write('routeways: the import is committing; it will finish in a moment\n');
      return;
    }
    interrupted = true;
    process.stderr.write('routeways: interrupting the import; nothing will be written (Ctrl-C again to quit now)\n');
    store.connection.interrupt();
  };
  process.on('SIGINT', onSigint);
  try {
    const report = await importExtract(store, folder, {
      name: opts.name,
      map,
      skipInvalid: opts.skipInvalid,
      replace: opts.replace,
      encoding: opts.encoding,
      socVersion: opts.soc,
      afterWrite: opts.code ? (tx, dataset) => codeDatasetIn(tx, dataset, { threshold: opts.codeThreshold }) : undefined,
      onProgress: (done, total, phase) => {
        // Between steps: an interrupted import stops here (and rolls back).
        if (interrupted) throw new Error('interrupted');
        if (phase === 'committing') committing = true;
        progress.update(done, total, phase);
      },
    });
    progress.stop();
    if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else if (!global.quiet) process.stdout.write(formatImportReport(report) + (report.coding ? formatDatasetCoding(report.dataset, report.coding as DatasetCoding) : ''));
    else if (report.problems > 0) process.stderr.write(`routeways: ${n(report.problems)} problems; rows left out are listed in ${report.rejectsFile}\n`);
  } catch (err) {
    progress.stop();
    if (interrupted) {
      store.close();
      process.stderr.write('routeways: import interrupted; the store is as it was before\n');
      process.exit(130);
    }
    if (opts.json && err instanceof ImportError) {
      process.stdout.write(
        JSON.stringify({ error: err.message, problemCount: err.problemCount, problems: err.problems, rejectsFile: err.rejectsFile }, null, 2) + '\n',
      );
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    store.close();
  }
}

/** `--map a=B` flags and `--map file.json` files, flags winning over files. */
function buildMap(values: string[]): ColumnMap {
  const files = values.filter((v) => !v.includes('='));
  const flags = values.filter((v) => v.includes('='));
  return mergeMaps(...files.map(readMapFile), parseMapFlags(flags));
}

export function formatImportReport(r: ImportReport): string {
  const out: string[] = [];
  out.push(`${r.replaced ? 'Replaced' : 'Imported'} dataset '${r.dataset}' into ${r.store} in ${r.seconds.toFixed(1)} s`);
  const w = Math.max(...r.files.map((f) => f.file.length));
  for (const f of r.files) {
    out.push(`  ${f.file.padEnd(w)}  ${n(f.rows).padStart(12)} rows${f.rejected > 0 ? `, ${n(f.rejected)} rejected` : ''}`);
  }
  const L = r.linkage;
  // people.csv or people.parquet, ...
  const file = (base: string) => r.files.find((f) => f.file.startsWith(`${base}.`))?.file ?? `${base}.csv`;
  const [people, quals, occs] = [file('people'), file('qualifications'), file('occupations')];
  out.push('', 'Linkage by person_id:');
  const rows: [string, string][] = [
    [`people in ${people}`, n(L.people)],
    ['with qualifications and occupations', n(L.peopleWithBoth)],
    ['with qualifications only', n(L.peopleWithQualificationsOnly)],
    ['with occupations only', n(L.peopleWithOccupationsOnly)],
    ['with neither', n(L.peopleWithNeither)],
    [`ids in ${quals} not in ${people}`, `${n(L.qualificationIdsNotInPeople)} (${n(L.qualificationRecordsNotInPeople)} records left out)`],
    [`ids in ${occs} not in ${people}`, `${n(L.occupationIdsNotInPeople)} (${n(L.occupationRecordsNotInPeople)} records left out)`],
  ];
  const lw = Math.max(...rows.map((x) => x[0].length));
  for (const [k, v] of rows) out.push(`  ${k.padEnd(lw)}  ${v}`);
  out.push(
    `Into analysis: ${n(L.intoAnalysis.people)} people with both, ${n(L.intoAnalysis.qualificationRecords)} qualification records, ${n(L.intoAnalysis.occupationRecords)} occupation records`,
  );
  out.push('', 'Classification matching (unmatched values are kept as entered):');
  const u = (label: string, x: ImportReport['unmatched']['region']) => {
    const top = x.top.slice(0, 5).map((t) => `'${t.value}' ${n(t.count)}`).join(', ');
    out.push(`  ${label.padEnd(7)} ${x.rows === 0 ? 'all matched' : `${n(x.rows)} rows unmatched (${n(x.values)} values: ${top}${x.values > 5 ? ', ...' : ''})`}${x.blank > 0 ? `; ${n(x.blank)} blank` : ''}`);
  };
  u('region', r.unmatched.region);
  u('SSA', r.unmatched.ssa);
  u('SOC', r.unmatched.soc);
  if (r.characteristics.length > 0) out.push('', `Characteristics: ${r.characteristics.join(', ')}`);
  if (r.benefits) {
    const left = r.benefits.claimsNotInPeople > 0 ? `; ${n(r.benefits.claimsNotInPeople)} claims of ${n(r.benefits.idsNotInPeople)} ids not in ${people} left out` : '';
    out.push(`Benefit claims: ${n(r.benefits.claims)} claims of ${n(r.benefits.people)} people${left}`);
  }
  if (r.related) out.push(`Related-occupation mapping: ${n(r.related.rows)} SSA x SOC pairs (mapping ${r.related.mappingId})`);
  if (r.problems > 0) {
    out.push('', `${n(r.problems)} problems; the rows with them were left out (--skip-invalid). First ${r.firstProblems.length}:`);
    for (const p of r.firstProblems) out.push(`  ${formatProblem(p)}`);
    out.push(`All problems: ${r.rejectsFile}`);
  }
  for (const wmsg of r.warnings) out.push(`Warning: ${wmsg}`);
  return out.join('\n') + '\n';
}
