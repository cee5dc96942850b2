/**
 * `routeways clusters <dataset> --out <dir>`: co-cluster qualifications and
 * occupations, estimate each member's confidence, test each link, and write
 * the unprotected internal results (results.json and CSVs) into <dir>.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { flatTableCsv } from '../../core/clusters/tables.js';
import { openDataset } from '../../analyses/analysis.js';
import { clustersOptions, runClusters } from '../../analyses/clusters/index.js';
import { REGION_SPELLINGS } from '../../reference/regions.js';
import { addSchemaFlags, parseFlags, schemaFlags } from '../schema-options.js';
import { openStore } from '../../store/database.js';
import { createProgress } from '../progress.js';

interface ClustersCliOptions {
  region?: string;
  out: string;
  json?: boolean;
  [flag: string]: unknown;
}

const FLAGS = schemaFlags(clustersOptions);

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
  const cmd = program
    .command('clusters')
    .description('find clusters of qualifications and occupations, with confidence, significant links and profiles (unprotected internal results)')
    .argument('<dataset>', 'name of an imported dataset')
    .requiredOption('-o, --out <dir>', 'folder to write results.json and the CSV files into')
    .option('--region <region>', `only people of this region (${REGION_SPELLINGS})`)
    .option('--json', 'print a JSON summary on stdout');
  addSchemaFlags(cmd, FLAGS)
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
      const options = parseFlags(clustersOptions, FLAGS, opts);
      const out = resolve(opts.out);
      const store = await openStore(global.db, { mustExist: true });
      const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Clusters' });
      let run;
      try {
        run = await runClusters(await openDataset(store, datasetName), options, {
          region: opts.region ?? null,
          onProgress: (done, total, what) => progress.update(done, total, what),
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
        significantLinks: results.findings?.significantLinks,
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
