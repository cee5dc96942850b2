/**
 * Regenerates data/ptable/default.csv, the p-table Routeways perturbs with by
 * default (D = 5, V = 3, js = 2, maximum entropy, no pstay, false-zero cap 0.005):
 *
 *   npm run build && node dist/scripts/ptable-default.js
 *
 * A test checks that the shipped file equals what this writes.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_PTABLE_PARAMETERS, formatPTableCsv, generatePTable } from '../src/core/disclosure/perturbation/index.js';
import { defaultPTablePath } from '../src/reference/ptable.js';

const path = defaultPTablePath();
const table = generatePTable(DEFAULT_PTABLE_PARAMETERS);
writeFileSync(path, formatPTableCsv(table));
process.stdout.write(`wrote ${path}: ${table.rows.length} entries, true counts 0..${table.maxI}\n`);
