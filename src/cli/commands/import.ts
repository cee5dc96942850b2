/**
 * `routeways import <folder> --name <dataset>`: read an outcome extract,
 * validate it, link the files by person_id and store it as a dataset in one
 * transaction; print the linkage report.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { mergeMaps, parseMapFlags, readMapFile, type ColumnMap } from '../../ingest/column-map.js';
import { ImportError, importExtract, type ImportReport } from '../../ingest/import.js';
import { formatProblem } from '../../ingest/problems.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';

const n = (x: number): string => x.toLocaleString('en-GB');

export function register(program: Command): void {
  program
    .command('import')
    .description('import an outcome extract (people.csv, qualifications.csv, occupations.csv, optional related.csv) as a dataset')
    .argument('<folder>', 'folder holding the extract\'s CSV files')
    .requiredOption('-n, --name <dataset>', 'name of the dataset to create')
    .option(
      '-m, --map <mapping>',
      'column mapping: column=HEADER (e.g. person_id=PID, qualifications.level=NVQ_LEVEL) or a JSON file; repeatable',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--skip-invalid', 'import the valid rows and list the others in the rejects file')
    .option('--replace', 'replace a dataset of the same name')
    .option('--encoding <encoding>', 'text encoding of the files: utf-8, latin-1 or utf-16', 'utf-8')
    .option('--soc <version>', 'SOC version of the occupation codes: 2010 or 2020', '2020')
    .option('--json', 'print the import report as JSON')
    .addHelpText(
      'after',
      `
Example:
  routeways import ./extract --name cfo-2013
  routeways import ./extract --name cfo-2013 --map person_id=PID --map qualifications.level=NVQ_LEVEL --skip-invalid`,
    )
    .action(async (folder: string, opts: ImportCliOptions, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      if (!['utf-8', 'latin-1', 'utf-16'].includes(opts.encoding)) throw new UsageError(`--encoding ${opts.encoding}: expected utf-8, latin-1 or utf-16`);
      if (opts.soc !== '2010' && opts.soc !== '2020') throw new UsageError(`--soc ${opts.soc}: expected 2010 or 2020`);
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
          skipInvalid: !!opts.skipInvalid,
          replace: !!opts.replace,
          encoding: opts.encoding as 'utf-8' | 'latin-1' | 'utf-16',
          socVersion: opts.soc,
          onProgress: (done, total, phase) => {
            // Between steps: an interrupted import stops here (and rolls back).
            if (interrupted) throw new Error('interrupted');
            if (phase === 'committing') committing = true;
            progress.update(done, total, phase);
          },
        });
        progress.stop();
        if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        else if (!global.quiet) process.stdout.write(formatImportReport(report));
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
    });
}

interface ImportCliOptions {
  name: string;
  map: string[];
  skipInvalid?: boolean;
  replace?: boolean;
  encoding: string;
  soc: '2010' | '2020' | string;
  json?: boolean;
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
  out.push('', 'Linkage by person_id:');
  const rows: [string, string][] = [
    ['people in people.csv', n(L.people)],
    ['with qualifications and occupations', n(L.peopleWithBoth)],
    ['with qualifications only', n(L.peopleWithQualificationsOnly)],
    ['with occupations only', n(L.peopleWithOccupationsOnly)],
    ['with neither', n(L.peopleWithNeither)],
    ['ids in qualifications.csv not in people.csv', `${n(L.qualificationIdsNotInPeople)} (${n(L.qualificationRecordsNotInPeople)} records left out)`],
    ['ids in occupations.csv not in people.csv', `${n(L.occupationIdsNotInPeople)} (${n(L.occupationRecordsNotInPeople)} records left out)`],
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
  if (r.related) out.push(`Related-occupation mapping: ${n(r.related.rows)} SSA x SOC pairs (mapping ${r.related.mappingId})`);
  if (r.problems > 0) {
    out.push('', `${n(r.problems)} problems; the rows with them were left out (--skip-invalid). First ${r.firstProblems.length}:`);
    for (const p of r.firstProblems) out.push(`  ${formatProblem(p)}`);
    out.push(`All problems: ${r.rejectsFile}`);
  }
  for (const wmsg of r.warnings) out.push(`Warning: ${wmsg}`);
  return out.join('\n') + '\n';
}
