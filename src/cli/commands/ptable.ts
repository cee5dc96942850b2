/**
 * `routeways ptable --max 5 --variance 3 --forbid 2 [--pstay p] [--max-zero p|none] --out ptable.csv`:
 * writes a perturbation table for the cell key method, made with the
 * maximum-entropy method of sdcTools' ptable (src/core/disclosure/perturbation),
 * with Routeways' false-zero cap unless --max-zero none.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import {
  DEFAULT_PTABLE_PARAMETERS as DEFAULTS,
  PTableParameterError,
  formatPTableCsv,
  generatePTable,
  summariseRows,
  type PTableParameterName,
  type PTableParameters,
} from '../../core/disclosure/perturbation/index.js';

interface PTableCliOptions {
  max: string;
  variance: string;
  forbid: string;
  pstay?: string;
  maxZero: string;
  out?: string;
  json?: boolean;
}

const FLAGS: Record<PTableParameterName, string> = { maxPerturbation: '--max', variance: '--variance', forbid: '--forbid', pstay: '--pstay', mono: 'mono', maxZero: '--max-zero' };

function number(flag: string, value: string, whole: boolean): number {
  const ok = whole ? /^\d+$/.test(value) : /^(\d+(\.\d*)?|\.\d+)$/.test(value);
  if (!ok) throw new UsageError(`${flag} must be ${whole ? 'a whole number' : 'a number'}, got "${value}"`);
  return Number(value);
}

export function register(program: Command): void {
  program
    .command('ptable')
    .description('write a perturbation table (p-table) for the cell key method')
    .option('--max <D>', 'largest change to a count', String(DEFAULTS.maxPerturbation))
    .option('--variance <V>', 'variance of the change (reached for large counts)', String(DEFAULTS.variance))
    .option('--forbid <js>', 'values 1..js are never published (0: small values may be)', String(DEFAULTS.forbid))
    .option('--pstay <p>', 'least probability that a count is published unchanged (0 < p < 1; default: maximum entropy)')
    .option('--max-zero <p|none>', 'false-zero cap: a count above js is published as 0 with probability at most p (0 < p < 1; none: ptable\'s uncapped table)', String(DEFAULTS.maxZero))
    .option('-o, --out <file.csv>', 'file to write (default: print the CSV)')
    .option('--json', 'print a summary of the table as JSON')
    .addHelpText(
      'after',
      `
Examples:
  routeways ptable --max 5 --variance 3 --forbid 2 --out ptable.csv        # the default table
  routeways ptable --max-zero none --out ptable.csv                        # sdcTools ptable's own (no cap)

Columns i, j, p, v, p_int_lb, p_int_ub as sdcTools' ptable writes them: a true
count i is published as j = i + v with probability p; cell keys in
[p_int_lb, p_int_ub) pick that entry. Counts above the last i use its row.
Zeros always stay zeros. The false-zero cap keeps links of 3 or more people
on the maps; the price is that a published 0 more surely hides a true 1..js
(see the risk-utility report). Keep the table with the release's settings: it
is not published.`,
    )
    .action((opts: PTableCliOptions, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { quiet?: boolean };
      const params: PTableParameters = {
        maxPerturbation: number('--max', opts.max, true),
        variance: number('--variance', opts.variance, false),
        forbid: number('--forbid', opts.forbid, true),
      };
      if (opts.pstay !== undefined) params.pstay = number('--pstay', opts.pstay, false);
      if (opts.maxZero !== 'none') params.maxZero = number('--max-zero', opts.maxZero, false);
      let table;
      try {
        table = generatePTable(params);
      } catch (e) {
        if (e instanceof PTableParameterError) throw new UsageError(`${FLAGS[e.parameter]} ${String(e.value)} ${e.reason}`);
        throw e;
      }
      const csv = formatPTableCsv(table);
      const rows = summariseRows(table);
      if (opts.out) {
        const file = resolve(opts.out);
        // Whole or not at all: write beside, then rename over.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, csv);
        renameSync(tmp, file);
      } else if (!opts.json) {
        process.stdout.write(csv);
      }
      if (opts.json) {
        process.stdout.write(JSON.stringify({ parameters: table.parameters, maxI: table.maxI, entries: table.rows.length, rows, file: opts.out ? resolve(opts.out) : null }, null, 2) + '\n');
      } else if (opts.out && !global.quiet) {
        const { maxPerturbation: d, variance: v, forbid: js, pstay, maxZero } = table.parameters!;
        const top = rows[rows.length - 1];
        const falseZero = Math.max(...rows.filter((r) => r.i > js).map((r) => r.pZero));
        process.stdout.write(
          `Wrote ${opts.out}: p-table with D = ${d}, V = ${v}, js = ${js}${pstay !== undefined ? `, pstay = ${pstay}` : ''}${maxZero !== undefined ? `, false-zero cap ${maxZero}` : ''}; ` +
            `${table.rows.length} entries for true counts 0..${table.maxI} (${table.maxI} and above use the last row).\n` +
            `Zeros stay zeros${js > 0 ? `; no count is published as ${js === 1 ? '1' : `1 to ${js}`}` : ''}; ` +
            `a count of ${js + 1} or more is published as 0 with probability at most ${falseZero.toFixed(3)}; ` +
            `large counts change by at most ${d}, with variance ${top.variance.toFixed(3)} and unchanged with probability ${top.pStay.toFixed(3)}.\n`,
        );
      }
    });
}
