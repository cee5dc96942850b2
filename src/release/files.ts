/**
 * A protected release on disk, and the unprotected results it is made from.
 *
 * writeRelease(dir, release) writes (only a value made by protect() or
 * readRelease(), checked at run time):
 * - tables/<id>.csv: each report table as readers see it, a header of column
 *   labels, GSS symbols where figures are withheld;
 * - count-tables/<id>.csv: each count table tidy, one row per published cell
 *   (a code and a label column per dimension, then `people`: a number or a symbol);
 * - release.json: the whole release (readRelease reads it back and re-audits);
 * - audit.json: the audit report (cells checked, suppressed primary and
 *   secondary, the rank test's method and result, and the interval an
 *   attacker can infer for suppressed cells, from the LP solver).
 * It refuses (before writing anything) if the publishing audit fails (audit-report.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import type { Results } from '../core/results.js';
import { csvLine } from '../core/csv.js';
import { assertProtected, type ProtectedRelease, type PublishedCell, type PublishedTable, type PublishedCountTable } from '../core/disclosure/release.js';
import { verifyRelease } from '../core/disclosure/verify.js';
import { auditRelease, type AuditOptions, type AuditReport } from './audit-report.js';

export interface WrittenRelease {
  dir: string;
  files: string[];
  audit: AuditReport;
}

/** How a published cell reads in a CSV: numbers plain, shares as proportions, symbols as symbols. */
export function cellText(c: PublishedCell): string {
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'count':
      return String(c.value);
    case 'share':
      return c.value.toFixed(4);
    case 'stat':
      return c.decimals !== undefined ? c.value.toFixed(c.decimals) : String(c.value);
    case 'symbol':
      return c.symbol;
    case 'empty':
      return '';
  }
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** A report table as CSV; a share column whose shares carry a Wilson interval is followed by its low and high ends. */
function reportCsv(t: PublishedTable): string {
  const has = (i: number, f: (c: PublishedCell) => boolean) => t.rows.some((r) => r.cells[i] !== undefined && f(r.cells[i]!));
  const withInterval = t.columns.map((_, i) => has(i, (c) => c.kind === 'share' && c.low !== undefined && c.high !== undefined));
  const withFlag = t.columns.map((_, i) => has(i, (c) => c.kind === 'share' && c.flag !== undefined));
  const header = t.columns.flatMap((c, i) => [c.label, ...(withInterval[i] ? [`${c.label} (95% CI low)`, `${c.label} (95% CI high)`] : []), ...(withFlag[i] ? [`${c.label} (reliability)`] : [])]);
  let out = csvLine(header);
  for (const r of t.rows) {
    out += csvLine(
      t.columns.flatMap((_, i) => {
        const c: PublishedCell = r.cells[i] ?? { kind: 'empty' };
        const flag = withFlag[i] ? [c.kind === 'share' && c.flag ? c.flag : ''] : [];
        if (!withInterval[i]) return [cellText(c), ...flag];
        if (c.kind === 'share' && c.low !== undefined && c.high !== undefined) return [cellText(c), c.low.toFixed(4), c.high.toFixed(4), ...flag];
        if (c.kind === 'symbol') return [c.symbol, c.symbol, c.symbol, ...flag];
        return [cellText(c), '', '', ...flag];
      }),
    );
  }
  return out;
}

function countCsv(t: PublishedCountTable): string {
  const labels = t.dimensions.map((d) => new Map(d.categories.map((c) => [c.code, c.label] as const)));
  let out = csvLine([...t.dimensions.flatMap((d) => [d.id, `${d.id}_label`]), 'people']);
  for (const c of t.cells) {
    out += csvLine([...c.keys.flatMap((k, i) => [k, labels[i]!.get(k) ?? k]), 'value' in c ? String(c.value) : c.symbol]);
  }
  return out;
}

/**
 * Write a protected release to `dir` (created if needed), after its publishing
 * audit (auditRelease: refused before anything is written if it fails), or
 * with the audit report already made for it.
 */
export async function writeRelease(dir: string, release: ProtectedRelease, options: AuditOptions & { audit?: AuditReport } = {}): Promise<WrittenRelease> {
  assertProtected(release);
  const audit = options.audit ?? (await auditRelease(release, options));
  await mkdir(path.join(dir, 'tables'), { recursive: true });
  await mkdir(path.join(dir, 'count-tables'), { recursive: true });
  const files: string[] = [];
  const put = async (rel: string, text: string) => {
    await writeFile(path.join(dir, rel), text, 'utf8');
    files.push(rel);
  };
  const used = new Set<string>();
  for (const t of release.tables) {
    let name = safeName(t.id);
    while (used.has(name)) name += '_';
    used.add(name);
    await put(path.join('tables', `${name}.csv`), reportCsv(t));
  }
  for (const t of release.countTables) await put(path.join('count-tables', `${safeName(t.id)}.csv`), countCsv(t));
  await put('release.json', JSON.stringify(release, null, 1) + '\n');
  await put('audit.json', JSON.stringify(audit, null, 1) + '\n');
  return { dir, files, audit };
}

/** Read a release written by writeRelease; validates it and re-runs the rank audit. Throws InputError/AuditFailure. */
export async function readRelease(dir: string): Promise<ProtectedRelease> {
  const file = path.join(dir, 'release.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`no release here: ${file} cannot be read`, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`, { file });
  }
  return verifyRelease(data, file);
}

const resultsShape = z
  .object({
    protected: z.literal(false),
    analysis: z.string(),
    dataset: z.string(),
    region: z.string().nullable(),
    settings: z.record(z.string(), z.unknown()),
    countTables: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        additive: z.boolean(),
        dimensions: z.array(z.object({ id: z.string(), label: z.string(), categories: z.array(z.object({ code: z.string(), label: z.string(), children: z.array(z.string()).optional() })) })),
        cells: z.array(z.object({ keys: z.array(z.string()), n: z.number().int().min(0), w: z.number().optional(), w2: z.number().optional() })),
        linkedWith: z.array(z.string()).optional(),
      }),
    ),
    reportTables: z.array(z.object({ id: z.string(), rows: z.array(z.object({ id: z.string(), cells: z.array(z.object({ kind: z.string() })) })) })),
  })
  .passthrough();

/** Read the unprotected results.json of a `clusters` or `pathways` run (a folder or the file itself). */
export async function readResults(dirOrFile: string): Promise<Results> {
  const file = dirOrFile.endsWith('.json') ? dirOrFile : path.join(dirOrFile, 'results.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`cannot read ${file}: expected the results.json written by \`routeways clusters\` or \`routeways pathways\``, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`, { file });
  }
  const parsed = resultsShape.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${file}: not analysis results: at ${issue.path.join('.') || '(top)'}: ${issue.message}`, { file });
  }
  return data as Results;
}
