/**
 * Seed 003's Annexe 3 as printed (transcribed in test/fixtures/register/annexe3.tsv),
 * and the same rows made from a query's answer, for comparing the two.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Annexe3Table } from '../../src/core/register/queries/annexe3.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/register/annexe3.tsv');

/** [cluster, role, count] rows, with ['', 'Sub total', n] under each cluster and ['', 'Total', n] last. */
export function seedAnnexe3(): [string, string, number][] {
  return readFileSync(FIXTURE, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [cluster, role, count] = line.split('\t');
      return [cluster, role, Number(count)];
    });
}

export function annexe3Rows(t: Annexe3Table): [string, string, number][] {
  const rows: [string, string, number][] = [];
  for (const c of t.clusters) {
    for (const r of c.roles) rows.push([c.cluster, r.role, r.qualifications]);
    rows.push(['', 'Sub total', c.subtotal]);
  }
  rows.push(['', 'Total', t.total]);
  return rows;
}
