/**
 * Shared by bench:protect and bench:disclosure: the reports a publish run
 * makes on a generated demo dataset (all regions, then each region; each
 * report clusters + pathways, with `routeways run`'s default settings), and
 * the timings of their joint protection by suppression.
 *
 * Options read from the command line: [people] (default the 6,000-person
 * demo), --db store.duckdb (keep the store and reuse its dataset), --reports
 * reports.json (save the analyses' results there and reuse them later).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataset } from '../src/analyses/analysis.js';
import { runClusters } from '../src/analyses/clusters/index.js';
import { runPathways } from '../src/analyses/pathways/index.js';
import { InputError } from '../src/core/errors.js';
import { auditModel, type AuditResult } from '../src/core/disclosure/audit.js';
import { protectSetWithDetail, type ProtectionDetail } from '../src/core/disclosure/protect.js';
import type { Results } from '../src/core/results.js';
import { DEFAULT_PEOPLE } from '../src/demo/build.js';
import { generateDemoExtract } from '../src/demo/generate.js';
import { importExtract } from '../src/ingest/import.js';
import { openStore } from '../src/store/database.js';
import { findDataset } from '../src/store/datasets.js';
import { datasetRegions } from '../src/store/regions.js';

export interface DemoOptions {
  people: number;
  db: string | null;
  reports: string | null;
}

/** [people], --db and --reports from argv. */
export function demoOptions(args: readonly string[]): DemoOptions {
  const option = (name: string): string | null => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null);
  const people = Number(args.find((a, i) => /^\d+$/.test(a) && !(args[i - 1] ?? '').startsWith('--')) ?? DEFAULT_PEOPLE);
  return { people, db: option('--db'), reports: option('--reports') };
}

export const seconds = (since: number) => (performance.now() - since) / 1000;

async function analyse(options: DemoOptions, log: (line: string) => void): Promise<Results[][]> {
  const work = mkdtempSync(join(tmpdir(), 'rw-bench-reports-'));
  try {
    const store = await openStore(options.db ?? join(work, 'bench.duckdb'));
    try {
      const name = 'demo';
      let s = performance.now();
      if (!(await findDataset(store, name))) {
        await generateDemoExtract(join(work, 'extract'), { seed: 1, people: options.people });
        await importExtract(store, join(work, 'extract'), { name });
        log(`  demo extract + import (${options.people.toLocaleString('en-GB')} people)  ${seconds(s).toFixed(2)} s`);
      } else log(`  reusing dataset ${name} in ${store.path}`);
      const dataset = (await findDataset(store, name))!;
      const regions = (await datasetRegions(store, dataset.id)).map((r) => r.code);
      s = performance.now();
      const reports: Results[][] = [];
      for (const region of [null, ...regions]) {
        try {
          const clusters = await runClusters(await openDataset(store, name), { seed: 1, restarts: 10, bootstrap: 100 }, { region });
          const pathways = await runPathways(await openDataset(store, name), { level: 'all' }, { region });
          reports.push([clusters.results, pathways.results]);
        } catch (err) {
          if (err instanceof InputError && region !== null) continue; // a region too small to analyse, as publishDataset does
          throw err;
        }
      }
      log(`  analyses (${reports.length} reports)  ${seconds(s).toFixed(2)} s`);
      return reports;
    } finally {
      store.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The publish run's reports: from --reports when that file exists, else analysed (and saved there when given). */
export async function demoReports(options: DemoOptions, log: (line: string) => void = console.log): Promise<Results[][]> {
  if (options.reports && existsSync(options.reports)) {
    const reports = JSON.parse(readFileSync(options.reports, 'utf8')) as Results[][];
    log(`  reusing ${reports.length} reports from ${options.reports}`);
    return reports;
  }
  const reports = await analyse(options, log);
  if (options.reports) writeFileSync(options.reports, JSON.stringify(reports));
  return reports;
}

export interface SuppressionTimings {
  detail: ProtectionDetail;
  audit: AuditResult;
  /** Wall-clock and CPU seconds of protectSet (suppression with its audit), then of the audit alone. */
  protectSeconds: number;
  protectCpu: number;
  auditSeconds: number;
  auditCpu: number;
}

const cpu = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/** Protect the reports together by suppression (protectSet), then run the independent audit again on its own. */
export function timeSuppression(reports: Results[][]): SuppressionTimings {
  let s = performance.now();
  let c = process.cpuUsage();
  const { detail } = protectSetWithDetail(reports);
  const protectSeconds = seconds(s);
  const protectCpu = cpu(c);
  s = performance.now();
  c = process.cpuUsage();
  const audit = auditModel({ model: detail.model, published: detail.published, suppressed: [...detail.primary, ...detail.secondary], primary: detail.primary, singletons: detail.singletons });
  return { detail, audit, protectSeconds, protectCpu, auditSeconds: seconds(s), auditCpu: cpu(c) };
}
