/**
 * `routeways code ...`: code free-text titles (occupations to SOC 2020,
 * qualifications to SSA) with a confidence and a review queue, keep the
 * organisation's decisions in the coding memory, fill a dataset's missing
 * codes, and group spelling variants.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Command } from 'commander';
import { memoryKey } from '../../core/coding/memory.js';
import { InputError, UsageError } from '../../core/errors.js';
import { toCsv } from '../../core/csv.js';
import { applyAcceptedIn, codeOccupations, convertSoc2010In, codeQualifications, reviewQueue, suggestVariants } from '../../coding/dataset-coding.js';
import { loadCodingIndex } from '../../reference/coding-index.js';
import { loadClassifications } from '../../reference/classifications.js';
import { memoryHistory, readResults, recordDecisions, saveVariantGroup, type CodingKind, type Decision, type StoredResult } from '../../store/coding.js';
import { inTransaction, openStore, type Store } from '../../store/database.js';
import { formatSoc2010 } from './coding-report.js';
import { getDataset } from '../../store/datasets.js';
import { createProgress } from '../progress.js';

type Global = { db?: string; quiet?: boolean };
const n = (x: number): string => x.toLocaleString('en-GB');
const pct = (a: number, b: number): string => (b === 0 ? '0%' : `${Math.round((100 * a) / b)}%`);

async function withStore<T>(cmd: Command, work: (store: Store, global: Global) => Promise<T>): Promise<T> {
  const global = cmd.optsWithGlobals() as Global;
  const store = await openStore(global.db, { mustExist: true });
  try {
    return await work(store, global);
  } finally {
    store.close();
  }
}

function kindOf(value: string | undefined): CodingKind {
  if (value === undefined || /^occ/.test(value)) return 'occupation';
  if (/^qual/.test(value)) return 'qualification';
  throw new UsageError(`--kind '${value}': expected occupation or qualification`);
}

function threshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Number(value);
  if (!Number.isFinite(t) || t < 0 || t > 100) throw new UsageError(`--threshold '${value}': expected a number from 0 to 100`);
  return t;
}

const defaultUser = (): string => process.env.ROUTEWAYS_USER || process.env.USER || userInfo().username || 'unknown';

const alternativesCell = (r: StoredResult) => r.alternatives.map((a) => `${a.code} ${a.title} (${a.confidence})`).join('; ');

function codedCsv(kind: CodingKind, results: readonly StoredResult[]): string {
  if (kind === 'occupation') {
    return toCsv([['title', 'people', 'soc2020', 'soc2020_title', 'confidence', 'decision', 'alternatives', 'reason'], ...results.map((r) => [r.title, r.people, r.code, r.codeTitle, r.confidence, r.decision, alternativesCell(r), r.reason])]);
  }
  const c = loadClassifications();
  return toCsv([['title', 'people', 'ssa', 'ssa_title', 'ssa_tier2', 'ssa_tier2_title', 'confidence', 'decision', 'alternatives', 'reason'], ...results.map((r) => [r.title, r.people, r.code, r.codeTitle, r.code2, r.code2 ? (c.ssaTier2(r.code2)?.title ?? '') : '', r.confidence, r.decision, alternativesCell(r), r.reason])]);
}

function summary(kind: CodingKind, results: readonly StoredResult[]): string {
  const auto = results.filter((r) => r.decision === 'auto');
  const people = results.reduce((s, r) => s + r.people, 0);
  const autoPeople = auto.reduce((s, r) => s + r.people, 0);
  const what = kind === 'occupation' ? 'occupation titles to SOC 2020' : 'qualification titles to SSA';
  return (
    `Coded ${n(results.length)} ${what}: ${n(auto.length)} auto-coded (${pct(auto.length, results.length)} of titles, ${pct(autoPeople, people)} of people), ` +
    `${n(results.length - auto.length)} for review (routeways code review <dataset>${kind === 'qualification' ? ' --kind qualification' : ''}).\n`
  );
}

function registerCodeRun(code: Command, kind: CodingKind): void {
  const name = kind === 'occupation' ? 'occupations' : 'qualifications';
  code
    .command(name)
    .description(kind === 'occupation' ? 'code every distinct occupation title to a SOC 2020 unit group' : 'code every distinct qualification title to SSA tier 1 (tier 2 where it can)')
    .argument('<dataset>', 'name of the dataset')
    .option('--out <dir>', 'write coded.csv into this folder')
    .option('--threshold <n>', 'confidence (0-100) from which a code is auto-accepted', '64')
    .option('--json', 'print the results as JSON')
    .addHelpText('after', `\nExample:\n  routeways code ${name} cfo-2013 --out ./coding`)
    .action(async (dataset: string, opts: { out?: string; threshold?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, async (store, global) => {
        const ds = await getDataset(store, dataset);
        const progress = createProgress({ quiet: global.quiet || opts.json, label: 'Coding' });
        let results: StoredResult[];
        try {
          const options = { threshold: threshold(opts.threshold), onProgress: progress.callback };
          results = kind === 'occupation' ? await codeOccupations(store, ds, options) : await codeQualifications(store, ds, options);
        } finally {
          progress.stop();
        }
        if (opts.out) {
          const dir = resolve(opts.out);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'coded.csv'), codedCsv(kind, results));
        }
        if (opts.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
        else if (!global.quiet) process.stdout.write(summary(kind, results) + (opts.out ? `Wrote ${join(resolve(opts.out), 'coded.csv')}\n` : ''));
      }),
    );
}

function registerReview(code: Command): void {
  code
    .command('review')
    .description('list the titles waiting for review, most people first')
    .argument('<dataset>', 'name of the dataset')
    .option('--kind <kind>', 'occupation (default) or qualification')
    .option('--top <n>', 'how many to list', '50')
    .option('--out <file>', 'write the whole queue as CSV')
    .option('--json', 'print JSON')
    .addHelpText('after', `\nExample:\n  routeways code review cfo-2013\n  routeways code set cfo-2013 --title 'Labourer' --soc 9129`)
    .action(async (dataset: string, opts: { kind?: string; top: string; out?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, async (store) => {
        const kind = kindOf(opts.kind);
        const ds = await getDataset(store, dataset);
        const queue = await reviewQueue(store, ds, kind);
        if (opts.out) writeFileSync(resolve(opts.out), codedCsv(kind, queue));
        if (opts.json) {
          process.stdout.write(JSON.stringify(queue, null, 2) + '\n');
          return;
        }
        const top = Math.max(1, Number.parseInt(opts.top, 10) || 50);
        if (queue.length === 0) {
          process.stdout.write(`No ${kind} titles of ${dataset} wait for review${(await readResults(store, ds.id, kind)).length === 0 ? ` (run routeways code ${kind}s ${dataset} first)` : ''}.\n`);
          return;
        }
        const label = kind === 'occupation' ? 'SOC' : 'SSA';
        const lines = queue.slice(0, top).map((r) => `${String(r.people).padStart(7)}  ${r.title}\n         suggested ${label} ${r.code ?? '-'} ${r.codeTitle ?? ''} (${r.confidence}); ${r.alternatives.map((a) => `${a.code} (${a.confidence})`).join(', ') || 'no alternatives'}\n         ${r.reason}`);
        process.stdout.write(`${n(queue.length)} ${kind} titles wait for review (people, title, suggestion):\n${lines.join('\n')}\n`);
      }),
    );
}

function registerDecisions(code: Command): void {
  code
    .command('accept')
    .description("accept the suggested code of a title (it goes into the coding memory)")
    .argument('<dataset>', 'name of the dataset')
    .requiredOption('--title <title>', 'the title as listed by code review')
    .option('--kind <kind>', 'occupation (default) or qualification')
    .option('--by <name>', 'who decides (default: $ROUTEWAYS_USER or the login name)')
    .action(async (dataset: string, opts: { title: string; kind?: string; by?: string }, cmd: Command) =>
      withStore(cmd, async (store, global) => {
        const kind = kindOf(opts.kind);
        const ds = await getDataset(store, dataset);
        const key = memoryKey(opts.title);
        const r = (await readResults(store, ds.id, kind)).find((x) => x.title === opts.title) ?? (await readResults(store, ds.id, kind)).find((x) => memoryKey(x.title) === key);
        if (!r) throw new InputError(`no coded ${kind} title '${opts.title}' in ${dataset}: run routeways code ${kind}s ${dataset} first, or give the code with code set`);
        if (!r.code) throw new InputError(`'${opts.title}' has no suggested code to accept; give one with routeways code set ${dataset} --title '...' ${kind === 'occupation' ? '--soc <code>' : '--ssa <code>'}`);
        await recordDecisions(store, [{ kind, titleKey: key, title: r.title, code: r.code, code2: r.code2, decidedBy: opts.by ?? defaultUser(), source: 'accept' }]);
        if (!global.quiet) process.stdout.write(`Accepted ${r.code} ${r.codeTitle ?? ''} for '${r.title}'.\n`);
      }),
    );
  code
    .command('set')
    .description('set the code of a title (it goes into the coding memory)')
    .argument('<dataset>', 'name of the dataset')
    .requiredOption('--title <title>', 'the title')
    .option('--soc <code>', 'SOC 2020 unit group (4 digits)')
    .option('--ssa <code>', 'SSA tier 1 or tier 2 code (4 or 4.1)')
    .option('--by <name>', 'who decides (default: $ROUTEWAYS_USER or the login name)')
    .addHelpText('after', `\nExamples:\n  routeways code set cfo-2013 --title 'fork lift truck drvr' --soc 8222\n  routeways code set cfo-2013 --title 'H&SC NVQ' --ssa 1.3`)
    .action(async (dataset: string, opts: { title: string; soc?: string; ssa?: string; by?: string }, cmd: Command) =>
      withStore(cmd, async (store, global) => {
        await getDataset(store, dataset);
        if ((opts.soc === undefined) === (opts.ssa === undefined)) throw new UsageError('give one of --soc <unit group> or --ssa <code>');
        const d = opts.soc !== undefined ? socDecision(opts.title, opts.soc) : ssaDecision(opts.title, opts.ssa!);
        await recordDecisions(store, [{ ...d, decidedBy: opts.by ?? defaultUser(), source: 'set' }]);
        if (!global.quiet) process.stdout.write(`Set ${d.kind === 'occupation' ? 'SOC' : 'SSA'} ${d.code2 ?? d.code} for '${opts.title}'.\n`);
      }),
    );
}

function socDecision(title: string, soc: string, where?: string): Omit<Decision, 'decidedBy' | 'source'> {
  const code = soc.trim();
  if (!loadCodingIndex().index.unitTitle.has(code)) throw new InputError(`${where ?? '--soc'} '${soc}': not a SOC 2020 unit group (expected 4 digits, e.g. 8222)`);
  return { kind: 'occupation', titleKey: memoryKey(title), title, code };
}

function ssaDecision(title: string, ssa: string, where?: string): Omit<Decision, 'decidedBy' | 'source'> {
  const c = loadClassifications();
  const tier1 = c.matchSsa(ssa);
  if (!tier1) throw new InputError(`${where ?? '--ssa'} '${ssa}': not a Sector Subject Area (expected a tier 1 or tier 2 code such as 4 or 4.1)`);
  return { kind: 'qualification', titleKey: memoryKey(title), title, code: tier1, code2: c.matchSsaTier2(ssa) };
}

const MEMORY_HEADER = ['kind', 'title', 'code', 'code2', 'decided_by', 'decided_at', 'source'];

function registerMemory(code: Command): void {
  const memory = code.command('memory').description('export or import the coding memory (every decision, with who and when) as CSV');
  memory
    .command('export')
    .argument('<file>', 'CSV file to write')
    .option('--kind <kind>', 'only occupation or qualification decisions')
    .action(async (file: string, opts: { kind?: string }, cmd: Command) =>
      withStore(cmd, async (store, global) => {
        const rows = await memoryHistory(store, opts.kind ? kindOf(opts.kind) : undefined);
        writeFileSync(resolve(file), toCsv([MEMORY_HEADER, ...rows.map((r) => [r.kind, r.title, r.code, r.code2 ?? '', r.decidedBy, r.decidedAt, r.source])]));
        if (!global.quiet) process.stdout.write(`Wrote ${n(rows.length)} decisions to ${resolve(file)}\n`);
      }),
    );
  memory
    .command('import')
    .argument('<file>', 'CSV file with columns kind, title, code (and optionally code2, decided_by, decided_at)')
    .option('--by <name>', 'who, for rows without decided_by')
    .action(async (file: string, opts: { by?: string }, cmd: Command) =>
      withStore(cmd, async (store, global) => {
        const decisions = readMemoryCsv(resolve(file), opts.by ?? defaultUser());
        await recordDecisions(store, decisions);
        if (!global.quiet) process.stdout.write(`Imported ${n(decisions.length)} decisions into the coding memory.\n`);
      }),
    );
}

/** Reads a memory CSV, all rows or none: a bad row is reported with its line and column. */
function readMemoryCsv(path: string, by: string): Decision[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
  } catch (err) {
    throw new InputError(`cannot read the memory file: ${(err as Error).message}`, { file: path });
  }
  for (const c of ['kind', 'title', 'code']) if (rows.length > 0 && !(c in rows[0])) throw new InputError(`missing column '${c}'`, { file: path, line: 1 });
  return rows.map((r, i) => {
    const line = i + 2;
    const at = (field: string) => ({ file: path, line, field });
    // Exported cells that looked like formulas were prefixed with a quote: take it off again.
    const title = r.title.replace(/^'(?=[=+\-@])/, '');
    if (title.trim() === '') throw new InputError(`empty title`, at('title'));
    let d: Omit<Decision, 'decidedBy' | 'source'>;
    try {
      const kind = kindOf(r.kind);
      d = kind === 'occupation' ? socDecision(title, r.code, 'code') : ssaDecision(title, r.code2 || r.code, 'code');
    } catch (err) {
      throw new InputError((err as Error).message, at('code'));
    }
    const decidedAt = r.decided_at && !Number.isNaN(Date.parse(r.decided_at)) ? new Date(r.decided_at).toISOString() : undefined;
    if (r.decided_at && !decidedAt) throw new InputError(`decided_at '${r.decided_at}': expected an ISO 8601 date-time`, at('decided_at'));
    return { ...d, decidedBy: r.decided_by || by, decidedAt, source: 'import' as const };
  });
}

function registerApply(code: Command): void {
  code
    .command('apply')
    .description("fill the dataset's missing SOC (and SSA) codes from accepted codes: auto-coded and reviewed; a SOC 2010 dataset's codes are converted to SOC 2020 first")
    .argument('<dataset>', 'name of the dataset')
    .option('--kind <kind>', 'occupation, qualification or all (default)', 'all')
    .option('--json', 'print JSON')
    .addHelpText('after', `\nExample:\n  routeways code occupations cfo-2013 && routeways code apply cfo-2013 && routeways pathways cfo-2013 --level 2 --out ./pathways`)
    .action(async (dataset: string, opts: { kind: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, async (store, global) => {
        const ds = await getDataset(store, dataset);
        const kinds: CodingKind[] = opts.kind === 'all' ? ['occupation', 'qualification'] : [kindOf(opts.kind)];
        const has = new Map<CodingKind, boolean>();
        for (const k of kinds) has.set(k, (await readResults(store, ds.id, k)).length > 0);
        // SOC 2010 codes are converted to SOC 2020 first, so filled codes and converted ones are of one version.
        const convert = ds.socVersion === '2010' && kinds.includes('occupation');
        if (!convert && opts.kind === 'all' && ![...has.values()].some(Boolean)) throw new InputError(`nothing to apply: run routeways code occupations ${dataset} first`);
        const { soc2010, reports } = await inTransaction(store, async (tx) => {
          const soc2010 = convert ? await convertSoc2010In(tx, ds) : null;
          const reports = [];
          for (const k of kinds) if (has.get(k) || opts.kind !== 'all') reports.push(await applyAcceptedIn(tx, ds, k));
          return { soc2010, reports };
        });
        if (opts.json) process.stdout.write(JSON.stringify(soc2010 ? { soc2010, applied: reports } : reports, null, 2) + '\n');
        else if (!global.quiet) {
          if (soc2010) process.stdout.write(formatSoc2010(soc2010).join('\n') + '\n');
          for (const r of reports) {
            process.stdout.write(`${r.kind === 'occupation' ? 'SOC' : 'SSA'}: filled ${n(r.filled)} records from ${n(r.titles)} accepted titles; ${n(r.waiting)} titles still wait for review.\n`);
          }
        }
      }),
    );
}

function registerVariants(code: Command): void {
  code
    .command('variants')
    .description('group spelling variants of titles (FLT, Fork Lift Truck, forklift licence) under suggested labels')
    .argument('<dataset>', 'name of the dataset')
    .option('--kind <kind>', 'qualification (default) or occupation', 'qualification')
    .option('--accept <label>', 'store the suggested group with this label as accepted')
    .option('--accept-all <confidence>', 'store every suggested group with at least this confidence')
    .option('--by <name>', 'who accepts (default: $ROUTEWAYS_USER or the login name)')
    .option('--json', 'print JSON')
    .action(async (dataset: string, opts: { kind: string; accept?: string; acceptAll?: string; by?: string; json?: boolean }, cmd: Command) =>
      withStore(cmd, async (store, global) => {
        const kind = kindOf(opts.kind);
        const ds = await getDataset(store, dataset);
        let groups = await suggestVariants(store, ds, kind);
        const min = opts.acceptAll === undefined ? null : Number(opts.acceptAll);
        if (min !== null && !Number.isFinite(min)) throw new UsageError(`--accept-all '${opts.acceptAll}': expected a confidence from 0 to 100`);
        const chosen = groups.filter((g) => !g.acceptedAs && ((opts.accept !== undefined && g.label === opts.accept) || (min !== null && g.confidence >= min)));
        if (opts.accept !== undefined && !groups.some((g) => g.label === opts.accept)) throw new InputError(`no suggested group labelled '${opts.accept}' in ${dataset}`);
        for (const g of chosen) await saveVariantGroup(store, kind, g.label, g.members.map((m) => ({ titleKey: memoryKey(m.title), title: m.title })), opts.by ?? defaultUser());
        if (chosen.length > 0) groups = await suggestVariants(store, ds, kind);
        if (opts.json) {
          process.stdout.write(JSON.stringify(groups, null, 2) + '\n');
          return;
        }
        if (global.quiet) return;
        if (chosen.length > 0) process.stdout.write(`Accepted ${chosen.length} group${chosen.length === 1 ? '' : 's'}.\n`);
        const lines = groups.map((g) => `${String(g.people).padStart(7)}  ${g.label} (${g.confidence}${g.acceptedAs ? ', accepted' : ''}): ${g.members.map((m) => `${m.title} [${m.people}]`).join(', ')}`);
        process.stdout.write(`${groups.length} suggested groups of ${kind} titles (people, label, confidence, members):\n${lines.join('\n')}\n`);
      }),
    );
}

export function register(program: Command): void {
  const code = program.command('code').description('code free-text titles: occupations to SOC 2020, qualifications to SSA, with a review queue and a coding memory');
  registerCodeRun(code, 'occupation');
  registerCodeRun(code, 'qualification');
  registerReview(code);
  registerDecisions(code);
  registerMemory(code);
  registerApply(code);
  registerVariants(code);
}
