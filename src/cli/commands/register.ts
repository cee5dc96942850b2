/**
 * `routeways register ...`: the qualifications register (seed 003). Load the
 * sample, import and export, browse, the queries (Annexe 3, coverage, gaps,
 * over-provision, comparison, prerequisite routes), history and restore.
 * `--register postgres://...` works on PostgreSQL; otherwise the register is
 * kept in the DuckDB store of `--db`.
 */
import { createInterface } from 'node:readline/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import { planImport } from '../../core/register/change-report.js';
import { kindOfId } from '../../core/register/ids.js';
import { formatImportProblem } from '../../core/register/incoming.js';
import { byName, lookup } from '../../core/register/lookup.js';
import { annexe3 } from '../../core/register/queries/annexe3.js';
import { compareCoverage, coverage, gaps, type Target } from '../../core/register/queries/coverage.js';
import { crowdedAreas, nearDuplicates } from '../../core/register/queries/overprovision.js';
import { levelText, prerequisiteRoutes } from '../../core/register/queries/prerequisites.js';
import { sampleRegister } from '../../core/register/sample/generate.js';
import { CSV_FILE } from '../../core/register/tabular.js';
import { RECORD_KINDS, type RecordKind, type RegisterData } from '../../core/register/types.js';
import { readRegisterImport, writeRegisterExport } from '../../ingest/register/files.js';
import {
  REGISTER_OPTION_HELP,
  cliActor,
  findCluster,
  findClustering,
  findFramework,
  findRole,
  parsePositiveInt,
  parseShare,
  printJson,
  withRegister,
} from '../register/options.js';
import {
  clip,
  formatAnnexe3,
  formatChangeReport,
  formatComparison,
  formatCoverage,
  formatCrowded,
  formatDuplicates,
  formatGaps,
  formatHistory,
  formatRecord,
  formatRoutes,
  table,
} from '../register/format.js';

const out = (s: string) => process.stdout.write(s);

export function register(program: Command): void {
  const reg = program
    .command('register')
    .description('the qualifications register: qualifications, modules, roles, clusters, frameworks and providers (seed 003)')
    .option('--register <url>', REGISTER_OPTION_HELP);
  addDemo(reg);
  addImport(reg);
  addExport(reg);
  addBrowse(reg);
  addQueries(reg);
  addHistory(reg);
}

function addDemo(reg: Command): void {
  reg
    .command('demo')
    .description("load the sample register: seed 003's roles and clusters, a clustering by level, the Common Core and 726 synthetic qualifications")
    .option('--seed <n>', 'seed of the synthetic qualifications and modules', '1')
    .option('--replace', 'replace a register that already holds records (its history goes too)')
    .option('--json', 'print what was loaded as JSON')
    .action(async (opts: { seed: string; replace?: boolean; json?: boolean }, cmd: Command) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed ${opts.seed}: expected a whole number`);
      await withRegister(cmd, async (store, global) => {
        if (!opts.replace && !(await store.isEmpty())) {
          throw new UsageError(`the register in ${store.where} already holds records; add --replace to replace it with the sample (its history goes too)`);
        }
        const data = sampleRegister(seed);
        await store.replaceAll(cliActor(), data, `sample register (seed ${seed})`);
        const counts = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length]));
        const key = data.qualifications.filter((q) => q.key).length;
        if (opts.json) return printJson({ seed, where: store.where, counts, keyQualifications: key });
        if (global.quiet) return;
        out(
          `Loaded the sample register (seed ${seed}) into ${store.where}: ${data.qualifications.length} qualifications (${key} key), ` +
            `${data.modules.length} modules, ${data.roles.length} roles in ${data.clusters.length} clusters of ${data.clusterings.length} clusterings, ` +
            `the ${data.areas.length} areas of the Common Core, ${data.providers.length} providers.\n` +
            `Try: routeways register annexe3 | register coverage --cluster 'Early Years' | register gaps --clustering G1\n`,
        );
      });
    });
}

function addImport(reg: Command): void {
  reg
    .command('import')
    .description('import records from a register export (.json), a CSV file or a folder of CSV files: shows the change report, writes only when confirmed')
    .argument('<file>', `a .json export, a CSV named after its kind (${Object.values(CSV_FILE).join(', ')}), or a folder of them`)
    .option('--yes', 'apply the changes without asking')
    .option('--kind <kind>', `what a CSV file holds when its name does not say: ${RECORD_KINDS.join(', ')}`)
    .option('--retire-missing', 'retire current records of the kinds in the file that the file does not list')
    .option('--json', 'print the change report as JSON')
    .addHelpText('after', `\nExample:\n  routeways register import ./awarding-body-list/qualifications.csv\n  routeways register import ./register.json --yes`)
    .action(async (file: string, opts: { yes?: boolean; kind?: string; retireMissing?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.kind !== undefined && !RECORD_KINDS.includes(opts.kind as RecordKind)) throw new UsageError(`--kind ${opts.kind}: expected one of ${RECORD_KINDS.join(', ')}`);
      const read = await readRegisterImport(resolve(file), opts.kind as RecordKind | undefined);
      failOnProblems(read.problems);
      await withRegister(cmd, async (store, global) => {
        const plan = planImport(await store.load(), read.records, { retireMissing: !!opts.retireMissing });
        if (!plan.ok) failOnProblems(plan.problems);
        if (!plan.ok) return;
        const report = plan.report;
        if (!opts.json && !global.quiet) out(formatChangeReport(report));
        if (report.entries.length === 0) {
          if (opts.json) printJson({ report, applied: false });
          else if (!global.quiet) out('\nNothing to change: the register already holds what the file says.\n');
          return;
        }
        const apply = opts.yes || (await confirm(`\nApply these ${report.entries.length} changes to the register? [y/N] `));
        if (apply) await store.applyImport(cliActor(), report, `import of ${basename(file)}`);
        if (opts.json) return printJson({ report, applied: apply });
        if (global.quiet) return;
        out(apply ? `\nImported: ${report.entries.length} records written.\n` : '\nNothing was written. Run again with --yes to apply these changes.\n');
      });
    });
}

function failOnProblems(problems: readonly Parameters<typeof formatImportProblem>[0][]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 20).map(formatImportProblem).join('\n');
  const more = problems.length > 20 ? `\n... and ${problems.length - 20} more` : '';
  throw new InputError(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the file; nothing was imported:\n${shown}${more}`);
}

/** Ask on the terminal; without one (a script, a pipe) the answer is no. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function addExport(reg: Command): void {
  reg
    .command('export')
    .description('write the whole register: one JSON file (--out register.json) or a folder of CSV files, one per kind (--out ./folder)')
    .requiredOption('--out <path>', 'a .json file, or a folder for CSV files')
    .option('--json', 'print what was written as JSON')
    .action(async (opts: { out: string; json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store, global) => {
        const written = writeRegisterExport(await store.load(), resolve(opts.out));
        if (opts.json) return printJson(written);
        if (!global.quiet) out(`Exported ${written.records} records to ${written.files.length === 1 ? written.files[0] : resolve(opts.out)}.\n`);
      });
    });
}

function addBrowse(reg: Command): void {
  reg
    .command('roles')
    .description('list the roles, with their clusters and qualifications')
    .option('--cluster <cluster>', 'only the roles of this cluster (id or name)')
    .option('--json', 'print JSON')
    .action(async (opts: { cluster?: string; json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        const only = opts.cluster ? new Set(findCluster(data, opts.cluster).roles) : undefined;
        const roles = data.roles.filter((r) => !only || only.has(r.id)).sort((a, b) => byName(a.name, b.name));
        const clustersOf = (id: string) => data.clusters.filter((c) => c.roles.includes(id)).map((c) => c.name);
        if (opts.json) return printJson(roles.map((r) => ({ ...r, clusters: data.clusters.filter((c) => c.roles.includes(r.id)).map((c) => c.id) })));
        const rows = roles.map((r) => [r.id, clip(r.name, 60), String(r.qualifications.length), String(r.qualifications.filter((q) => q.key).length), clip(clustersOf(r.id).join('; '), 60), r.status === 'retired' ? 'retired' : '']);
        out(table(['Id', 'Role', 'Quals', 'Key', 'Clusters', ''], rows, [false, false, true, true]));
      });
    });
  reg
    .command('qualifications')
    .description('list qualifications, all or those of a role or cluster')
    .option('--role <role>', 'a role (id or name)')
    .option('--cluster <cluster>', 'a cluster (id or name)')
    .option('--level <level>', 'only this level (Entry or 1-8)')
    .option('--key', 'only key qualifications')
    .option('--retired', 'include retired qualifications')
    .option('--json', 'print JSON')
    .action(async (opts: { role?: string; cluster?: string; level?: string; key?: boolean; retired?: boolean; json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        const level = opts.level === undefined ? undefined : /^e(ntry)?$/i.test(opts.level) ? 0 : parsePositiveInt('--level', opts.level);
        let ids: Set<string> | undefined;
        if (opts.role || opts.cluster) {
          const roleIds = opts.role ? [findRole(data, opts.role).id] : findCluster(data, opts.cluster!).roles;
          ids = new Set(data.roles.filter((r) => roleIds.includes(r.id)).flatMap((r) => r.qualifications.filter((q) => !opts.key || q.key).map((q) => q.id)));
        }
        const quals = data.qualifications.filter(
          (q) => (!ids || ids.has(q.id)) && (opts.retired || q.status === 'current') && (level === undefined || q.level === level) && (!opts.key || ids || q.key),
        );
        if (opts.json) return printJson(quals);
        const rows = quals.map((q) => [q.id, levelText(q.level), q.type ?? '', q.key ? 'key' : '', q.unitCode ?? '', clip(q.awardingBody ?? '', 28), clip(q.title, 70)]);
        out(table(['Id', 'Level', 'Type', 'Key', 'Unit code', 'Awarding body', 'Title'], rows) + `${quals.length} qualifications\n`);
      });
    });
  reg
    .command('search')
    .description('find qualifications, modules and roles by title, name or unit code')
    .argument('<text>', 'text to look for (case is ignored)')
    .option('--limit <n>', 'at most this many of each kind', '50')
    .option('--json', 'print JSON')
    .action(async (text: string, opts: { limit: string; json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const hits = await store.search(text, parsePositiveInt('--limit', opts.limit));
        if (opts.json) return printJson(hits);
        if (hits.length === 0) return out(`Nothing matches '${text}'.\n`);
        out(table(['Id', 'Kind', 'Unit code', 'Title or name', ''], hits.map((h) => [h.id, h.kind, h.unitCode ?? '', clip(h.title, 80), h.status === 'retired' ? 'retired' : ''])));
      });
    });
  reg
    .command('show')
    .description('show one record: a qualification, module, role, cluster... by id')
    .argument('<id>', 'a record id such as Q12, M40, R3')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const kind = kindOfId(id);
      if (!kind) throw new UsageError(`${id}: expected a record id such as Q12 (qualification), M40 (module) or R3 (role)`);
      await withRegister(cmd, async (store) => {
        const record = await store.get(id);
        if (opts.json) return printJson(record);
        out(`${kind} ${id}, version ${record.version}\n\n${formatRecord(record, kind)}`);
      });
    });
}

/** `--role` or `--cluster` (optionally `--clustering`) as a query target. */
function targetOf(data: RegisterData, opts: { role?: string; cluster?: string; clustering?: string }): Target | undefined {
  if (opts.role && opts.cluster) throw new UsageError('give --role or --cluster, not both');
  if (opts.role) return { kind: 'role', id: findRole(data, opts.role).id };
  if (opts.cluster) return { kind: 'cluster', id: findCluster(data, opts.cluster, opts.clustering ? findClustering(data, opts.clustering) : undefined).id };
  return undefined;
}

interface QueryOpts {
  role?: string;
  cluster?: string;
  clustering?: string;
  framework?: string;
  json?: boolean;
}

function addQueries(reg: Command): void {
  reg
    .command('annexe3')
    .description("qualifications per role and per cluster with subtotals (seed 003's Annexe 3)")
    .option('--clustering <clustering>', 'clustering to group roles by (default: the first, G1)')
    .option('--all', 'also list roles and clusters with no qualifications')
    .option('--json', 'print JSON')
    .action(async (opts: { clustering?: string; all?: boolean; json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        const t = annexe3(data, findClustering(data, opts.clustering), { includeEmpty: !!opts.all });
        if (opts.json) return printJson(t);
        out(formatAnnexe3(t));
      });
    });
  reg
    .command('coverage')
    .description("a role's or cluster's coverage of a competency framework, through the modules of its key qualifications")
    .option('--role <role>', 'a role (id or name)')
    .option('--cluster <cluster>', 'a cluster (id or name)')
    .option('--clustering <clustering>', 'look for the cluster in this clustering')
    .option('--framework <framework>', 'framework (default: the first, the Common Core)')
    .option('--json', 'print JSON')
    .action(async (opts: QueryOpts, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        const target = targetOf(data, opts);
        if (!target) throw new UsageError('give --role <role> or --cluster <cluster>');
        const c = coverage(data, target, findFramework(data, opts.framework));
        if (opts.json) return printJson(c);
        out(formatCoverage(c));
      });
    });
  reg
    .command('gaps')
    .description('framework areas that no key qualification covers: for every role, the clusters of a clustering, or one role or cluster')
    .option('--role <role>', 'a role (id or name)')
    .option('--cluster <cluster>', 'a cluster (id or name)')
    .option('--clustering <clustering>', 'every cluster of this clustering')
    .option('--framework <framework>', 'framework (default: the first, the Common Core)')
    .option('--json', 'print JSON')
    .action(async (opts: QueryOpts, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        const framework = findFramework(data, opts.framework);
        const target = targetOf(data, opts);
        const rows = gaps(data, framework, target ? [target] : opts.clustering ? { clusteringId: findClustering(data, opts.clustering) } : 'roles');
        if (opts.json) return printJson(rows);
        out(formatGaps(rows, data.frameworks.find((f) => f.id === framework)!.name));
      });
    });
  reg
    .command('overprovision')
    .description("over-provision: areas covered by many of a role's qualifications, and near-duplicate qualifications")
    .option('--role <role>', 'a role (id or name)')
    .option('--cluster <cluster>', 'a cluster (id or name)')
    .option('--framework <framework>', 'framework (default: the first, the Common Core)')
    .option('--min <n>', 'an area is crowded when at least this many qualifications cover it', '3')
    .option('--similarity <share>', 'near-duplicates share at least this share of their parts', '0.8')
    .option('--json', 'print JSON')
    .action(async (opts: QueryOpts & { min: string; similarity: string }, cmd: Command) => {
      const min = parsePositiveInt('--min', opts.min);
      const similarity = parseShare('--similarity', opts.similarity);
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        const target = targetOf(data, opts);
        const crowded = crowdedAreas(data, findFramework(data, opts.framework), target ? [target] : 'roles', { minQualifications: min });
        const duplicates = nearDuplicates(data, { minSimilarity: similarity, target });
        if (opts.json) return printJson({ crowdedAreas: crowded, nearDuplicates: duplicates });
        out(formatCrowded(crowded, min) + formatDuplicates(duplicates, similarity));
      });
    });
  reg
    .command('compare')
    .description('coverage of a framework compared across roles or clusters')
    .option('--roles <roles>', "roles, by id or name, separated by ','")
    .option('--clusters <clusters>', "clusters, by id or name, separated by ','")
    .option('--clustering <clustering>', 'every cluster of this clustering')
    .option('--framework <framework>', 'framework (default: the first, the Common Core)')
    .option('--json', 'print JSON')
    .action(async (opts: { roles?: string; clusters?: string; clustering?: string; framework?: string; json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
        const targets: Target[] | { clusteringId: string } = opts.roles
          ? list(opts.roles).map((r) => ({ kind: 'role', id: findRole(data, r).id }))
          : opts.clusters
            ? list(opts.clusters).map((c) => ({ kind: 'cluster', id: findCluster(data, c).id }))
            : { clusteringId: findClustering(data, opts.clustering) };
        const c = compareCoverage(data, findFramework(data, opts.framework), targets);
        if (opts.json) return printJson(c);
        out(formatComparison(c));
      });
    });
  reg
    .command('prerequisites')
    .description('what must come before a qualification, as routes of levels')
    .argument('<qualification>', 'a qualification id such as Q12')
    .option('--max <n>', 'at most this many routes', '200')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { max: string; json?: boolean }, cmd: Command) => {
      if (kindOfId(id) !== 'qualification') throw new UsageError(`${id}: expected a qualification id such as Q12 (find one with routeways register search)`);
      const max = parsePositiveInt('--max', opts.max);
      await withRegister(cmd, async (store) => {
        const data = await store.load();
        if (!lookup(data).qualification(id)) throw new InputError(`there is no qualification ${id} in the register`);
        const r = prerequisiteRoutes(data, id, max);
        if (opts.json) return printJson(r);
        out(formatRoutes(r));
      });
    });
}

function addHistory(reg: Command): void {
  reg
    .command('history')
    .description('every saved version of a record: who changed what, and when')
    .argument('<id>', 'a record id such as Q12')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const changes = await store.history(id);
        if (opts.json) return printJson(changes);
        out(formatHistory(id, changes));
      });
    });
  reg
    .command('restore')
    .description('bring a record back as it was at an earlier version (saved as a new version)')
    .argument('<id>', 'a record id such as Q12')
    .requiredOption('--version <n>', 'the version to bring back (see register history)')
    .option('--json', 'print the restored record as JSON')
    .action(async (id: string, opts: { version: string; json?: boolean }, cmd: Command) => {
      const version = parsePositiveInt('--version', opts.version);
      await withRegister(cmd, async (store, global) => {
        const restored = await store.restore(cliActor(), id, version);
        if (opts.json) return printJson(restored);
        if (!global.quiet) out(`Restored ${id} as it was at version ${version}; it is now version ${restored.version}.\n`);
      });
    });
}
