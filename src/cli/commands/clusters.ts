/**
 * `routeways clusters <dataset> --out <dir>`: co-cluster qualifications and
 * occupations, estimate each member's confidence, test each link, and write
 * the unprotected internal results (results.json and CSVs) into <dir>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { flatTableCsv } from '../../core/clusters/tables.js';
import { DEFAULTS, runClusters, type ClustersOptions } from '../../analyses/clusters.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';

interface ClustersCliOptions {
  region?: string;
  level: string[];
  ssa: string[];
  type?: string;
  from?: string;
  to?: string;
  minPeople?: string;
  occupationBy: string;
  resolution?: string;
  seed?: string;
  restarts?: string;
  bootstrap?: string;
  fdr?: string;
  top?: string;
  linkTests: string;
  out: string;
  json?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export const README_TEXT = `Routeways clusters: UNPROTECTED INTERNAL RESULTS

The files in this folder hold counts of people before disclosure control,
including very small counts. They are for the analyst's own checking only.
Do not publish, share or email them. To publish, run disclosure control on
results.json (routeways protect / routeways publish), which suppresses and
rounds every figure and audits the release.

  results.json   the Results bundle ("protected": false): count tables, report tables and the network
  nodes.csv      each qualification and occupation: cluster, people, people in its cluster, confidence
  links.csv      each qualification-occupation pair held by someone: people, lift, p, q, significant
  clusters.csv   each cluster: name (leading occupation), people, members, core, mean confidence
  profiles.csv   each cluster x characteristic value: count, base, share, share over everyone analysed, test, p, q
`;

export function register(program: Command): void {
  program
    .command('clusters')
    .description('find clusters of qualifications and occupations, with confidence, significant links and profiles (unprotected internal results)')
    .argument('<dataset>', 'name of an imported dataset')
    .requiredOption('-o, --out <dir>', 'folder to write results.json and the CSV files into')
    .option('--region <region>', 'only people of this region (code such as YH, or name)')
    .option('--level <n>', 'only qualifications at these levels (1-8; repeatable or comma-separated)', collect, [] as string[])
    .option('--ssa <ssa>', 'only qualifications in this sector subject area (tier 1 number or title; repeatable)', collect, [] as string[])
    .option('--type <type>', 'only qualifications of this type: apprenticeship or classroom')
    .option('--from <date>', 'only qualifications achieved on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only qualifications achieved on or before this date (YYYY-MM-DD)')
    .option('--min-people <n>', 'leave out qualifications and occupations held by fewer people', '1')
    .option('--occupation-by <grouping>', 'occupations by title (as entered) or soc (SOC sub-major group)', 'title')
    .option('--resolution <gamma>', 'resolution of the modularity (higher: more, smaller clusters)', String(DEFAULTS.resolution))
    .option('--seed <n>', 'random seed (same data and seed give the same answer)', String(DEFAULTS.seed))
    .option('--restarts <n>', 'clustering runs, the best kept', String(DEFAULTS.restarts))
    .option('--bootstrap <n>', 'bootstrap replicates for confidence (0 for none)', String(DEFAULTS.bootstrap))
    .option('--fdr <q>', 'false discovery rate for significant links and profile flags', String(DEFAULTS.fdr))
    .option('--top <n>', 'members shown per cluster table', String(DEFAULTS.top))
    .option('--link-tests <family>', 'q-values of links correct over the observed pairs (observed) or every qualification x occupation pair (all)', 'observed')
    .option('--json', 'print a JSON summary on stdout')
    .addHelpText(
      'after',
      `
Example:
  routeways clusters cfo-2013 --region YH --min-people 2 --out ./clusters-yh
  routeways clusters cfo-2013 --occupation-by soc --bootstrap 200 --out ./clusters-soc --json

The files written hold unprotected counts: internal use only (see README.txt in --out).`,
    )
    .action(async (datasetName: string, opts: ClustersCliOptions, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string; quiet?: boolean };
      const options: ClustersOptions = {
        region: opts.region,
        levels: opts.level.flatMap((v) => v.split(',')).map((v) => integer('--level', v)),
        ssa: opts.ssa,
        type: opts.type as ClustersOptions['type'],
        from: opts.from,
        to: opts.to,
        minPeople: integer('--min-people', opts.minPeople ?? '1'),
        occupationBy: opts.occupationBy as ClustersOptions['occupationBy'],
        resolution: number('--resolution', opts.resolution ?? '1'),
        seed: integer('--seed', opts.seed ?? '1'),
        restarts: integer('--restarts', opts.restarts ?? '10'),
        bootstrap: integer('--bootstrap', opts.bootstrap ?? '100'),
        fdr: number('--fdr', opts.fdr ?? '0.05'),
        top: integer('--top', opts.top ?? '10'),
        linkTests: opts.linkTests as ClustersOptions['linkTests'],
      };
      const out = resolve(opts.out);
      const store = await openStore(global.db, { mustExist: true });
      const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Clusters' });
      let run;
      try {
        run = await runClusters(store, datasetName, {
          ...options,
          onProgress: (phase, done, total) => progress.update(done, total, phase === 'bootstrap' ? 'bootstrap replicates' : 'clustering runs'),
        });
      } finally {
        progress.stop();
        store.close();
      }
      const { results, detail } = run;
      mkdirSync(out, { recursive: true });
      const files = ['README.txt', 'results.json', ...detail.tables.map((t) => `${t.name}.csv`)];
      writeFileSync(join(out, 'README.txt'), README_TEXT);
      // Compact: national networks have millions of links.
      writeFileSync(join(out, 'results.json'), JSON.stringify(results) + '\n');
      for (const t of detail.tables) writeFileSync(join(out, `${t.name}.csv`), flatTableCsv(t));

      const r = detail.report;
      const summary = {
        protected: false,
        dataset: detail.dataset.name,
        region: results.region,
        people: r.people,
        unclustered: r.unclustered,
        qualifications: detail.network.qualifications.keys.length,
        occupations: detail.network.occupations.keys.length,
        links: detail.network.links.w.length,
        significantLinks: results.settings.significantLinks,
        modularity: detail.partition.modularity,
        bootstrap: detail.bootstrap?.replicates ?? 0,
        clusters: r.clusters.map((c) => ({
          id: c.id,
          name: c.name,
          people: c.people,
          occupations: c.occupations.length,
          qualifications: c.qualifications.length,
          coreMembers: c.coreMembers,
          meanConfidence: c.meanConfidence,
        })),
        out,
        files,
        seconds: detail.seconds,
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        return;
      }
      if (global.quiet) return;
      const lines = [
        `Dataset ${summary.dataset}${summary.region ? `, region ${summary.region}` : ''}: ${fmt(r.people)} people analysed, ${fmt(summary.qualifications)} qualifications, ${fmt(summary.occupations)} occupations, ${fmt(summary.links)} links (${fmt(Number(summary.significantLinks))} significant at FDR ${options.fdr}).`,
        `${r.clusters.length} clusters, Barber modularity ${detail.partition.modularity.toFixed(4)}${detail.bootstrap ? `, confidence from ${detail.bootstrap.replicates} bootstrap replicates` : ''}. Largest:`,
        ...r.clusters.slice(0, 10).map(
          (c) =>
            `  ${String(c.rank).padStart(2)}. ${c.name}: ${fmt(c.people)} people, ${c.occupations.length} occupations, ${c.qualifications.length} qualifications${c.meanConfidence === null ? '' : `, mean confidence ${c.meanConfidence.toFixed(2)}`}`,
        ),
        `Wrote ${files.join(', ')} to ${out}`,
        'These are UNPROTECTED internal results: do not publish them (disclosure control comes first).',
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}

function fmt(x: number): string {
  return x.toLocaleString('en-GB');
}

function number(flag: string, v: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${flag} must be a number, got '${v}'`);
  return x;
}

function integer(flag: string, v: string): number {
  const x = number(flag, v);
  if (!Number.isInteger(x)) throw new UsageError(`${flag} must be a whole number, got '${v}'`);
  return x;
}
