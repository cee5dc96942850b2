/**
 * `routeways describe <dataset>`: what landed — counts by region, SSA, level,
 * qualification type, SOC major group and employment type, the most frequent
 * titles, and the characteristic columns. Codes are shown with their titles.
 */
import type { Command } from 'commander';
import { loadClassifications } from '../../reference/classifications.js';
import { openStore } from '../../store/database.js';
import { describeDataset, type Count, type DatasetDescription } from '../../store/datasets.js';

const n = (x: number): string => x.toLocaleString('en-GB');

export function register(program: Command): void {
  program
    .command('describe')
    .description('describe a dataset: counts by region, SSA, level, type, SOC major group, employment type; top titles; characteristics')
    .argument('<dataset>', 'name of the dataset')
    .option('--top <n>', 'how many of the most frequent titles to show', '10')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  routeways describe cfo-2013 --top 20')
    .action(async (name: string, opts: { json?: boolean; top: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals() as { db?: string };
      const top = Math.max(1, Math.min(1000, Number.parseInt(opts.top, 10) || 10));
      const store = await openStore(global.db, { mustExist: true });
      try {
        const d = await describeDataset(store, name, top);
        const labelled = label(d);
        if (opts.json) process.stdout.write(JSON.stringify(labelled, null, 2) + '\n');
        else process.stdout.write(formatDescription(labelled));
      } finally {
        store.close();
      }
    });
}

type Labelled = Count & { label: string };
type LabelledDescription = Omit<DatasetDescription, 'byRegion' | 'bySsa' | 'bySocMajor'> & {
  byRegion: Labelled[];
  bySsa: Labelled[];
  bySocMajor: Labelled[];
};

function label(d: DatasetDescription): LabelledDescription {
  const cl = loadClassifications();
  const version = d.dataset.socVersion === '2010' ? '2010' : '2020';
  const other = (c: Count) => (c.unmatched ? '(not matched: kept as entered)' : '(blank)');
  return {
    ...d,
    byRegion: d.byRegion.map((c) => ({ ...c, label: c.value === null ? other(c) : (cl.region(c.value)?.name ?? c.value) })),
    bySsa: d.bySsa.map((c) => ({ ...c, label: c.value === null ? other(c) : (cl.ssaTier1(c.value)?.title ?? c.value) })),
    bySocMajor: d.bySocMajor.map((c) => ({ ...c, label: c.value === null ? other(c) : (cl.socMajor(c.value, version)?.title ?? c.value) })),
  };
}

function section(out: string[], title: string, rows: { value: string | null; count: number; label?: string }[], total?: number): void {
  out.push('', title);
  if (rows.length === 0) {
    out.push('  (none)');
    return;
  }
  const names = rows.map((r) => (r.label !== undefined ? (r.value !== null && r.label !== r.value ? `${r.value} ${r.label}` : r.label) : (r.value ?? '(blank)')));
  const w = Math.min(70, Math.max(...names.map((s) => s.length)));
  rows.forEach((r, i) => {
    const share = total ? `  ${((100 * r.count) / total).toFixed(1).padStart(5)}%` : '';
    out.push(`  ${names[i].padEnd(w)}  ${n(r.count).padStart(10)}${share}`);
  });
}

export function formatDescription(d: LabelledDescription): string {
  const ds = d.dataset;
  const out: string[] = [];
  out.push(`Dataset '${ds.name}' (imported ${ds.importedAt.slice(0, 19).replace('T', ' ')} UTC from ${ds.sourceDir}; SOC ${ds.socVersion ?? '2020'})`);
  for (const f of ds.files) out.push(`  ${f.file}: ${n(f.rows)} rows${f.rejected ? `, ${n(f.rejected)} rejected` : ''}, ${n(f.bytes)} bytes, sha256 ${f.sha256.slice(0, 16)}…`);
  const L = d.linkage;
  out.push(
    `People: ${n(L.people)}; with qualifications and occupations ${n(L.withBoth)}, qualifications only ${n(L.qualificationsOnly)}, occupations only ${n(L.occupationsOnly)}, neither ${n(L.neither)}`,
  );
  out.push(`Records: ${n(ds.qualifications)} qualifications, ${n(ds.occupations)} occupations`);
  section(out, 'People by region', d.byRegion, L.people);
  section(out, 'Qualifications by sector subject area (tier 1)', d.bySsa, ds.qualifications);
  section(out, 'Qualifications by level', d.byLevel.map((c) => ({ ...c, label: c.value === null ? '(blank)' : `Level ${c.value}` })), ds.qualifications);
  section(out, 'Qualifications by type', d.byType.map((c) => ({ ...c, label: c.value ?? '(blank)' })), ds.qualifications);
  section(out, 'Occupations by SOC major group', d.bySocMajor, ds.occupations);
  section(out, 'Occupations by employment type', d.byEmploymentType.map((c) => ({ ...c, label: c.value ?? '(blank)' })), ds.occupations);
  section(out, 'Most frequent qualification titles', d.topQualifications);
  section(out, 'Most frequent occupation titles', d.topOccupations);
  out.push('', d.characteristics.length === 0 ? 'Characteristics: none' : 'Characteristics (people.csv columns):');
  for (const c of d.characteristics) {
    out.push(`  ${c.name}: ${n(c.values)} values (${c.top.slice(0, 6).map((t) => `${t.value ?? '(blank)'} ${n(t.count)}`).join(', ')}${c.top.length > 6 ? ', ...' : ''})`);
  }
  return out.join('\n') + '\n';
}
