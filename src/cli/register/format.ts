/**
 * The register's query answers and reports as text for a terminal.
 */
import type { ChangeReport } from '../../core/register/change-report.js';
import { diffRecords, formatChanges, valueText } from '../../core/register/diff.js';
import { fieldsOf } from '../../core/register/schemas.js';
import type { Annexe3Table } from '../../core/register/queries/annexe3.js';
import type { Comparison, Coverage, GapRow } from '../../core/register/queries/coverage.js';
import type { CrowdedArea, NearDuplicate } from '../../core/register/queries/overprovision.js';
import { levelText, routeLevels, type PrerequisiteRoutes } from '../../core/register/queries/prerequisites.js';
import { COLLECTION, type Change, type RecordKind, type RegisterRecord } from '../../core/register/types.js';

const n = (x: number) => x.toLocaleString('en-GB');
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Columns padded to their widest cell; `right` marks numeric columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, i) => (right[i] ? v.padStart(widths[i]) : i === r.length - 1 ? v : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 3) + '...' : s;
}

/** Annexe 3 as the seed prints it: cluster, role, count; a sub total under each cluster; the total. */
export function formatAnnexe3(t: Annexe3Table): string {
  const rows: string[][] = [];
  for (const c of t.clusters) {
    for (const r of c.roles) rows.push([c.cluster, r.role, n(r.qualifications), n(r.keyQualifications)]);
    rows.push(['', 'Sub total', n(c.subtotal), '']);
  }
  rows.push(['', 'Total', n(t.total), '']);
  const head = `Clusters with roles and count of qualifications per role and cluster (${t.clustering})\n\n`;
  const foot = t.distinct !== t.total ? `\n${n(t.distinct)} distinct qualifications (a qualification linked to several roles counts once).\n` : '';
  return head + table(['Cluster', 'Role', 'Total quals', 'Key'], rows, [false, false, true, true]) + foot;
}

export function formatCoverage(c: Coverage): string {
  const head = `Coverage of ${c.framework} by the key qualifications of ${c.target.kind} ${c.target.id} ${c.target.name}: ${n(c.keyQualifications.length)} key qualifications\n\n`;
  const areaRows = c.areas.map((a) => [String(a.position), clip(a.area, 70), n(a.qualifications), pct(a.share)]);
  let out = head + table(['#', 'Area', 'Key quals', 'Share'], areaRows, [true, false, true, true]);
  if (c.keyQualifications.length > 0) {
    const idx = new Map(c.areas.map((a) => [a.areaId, a.position]));
    const grid = c.keyQualifications.map((q) => [q.id, levelText(q.level), clip(q.title, 60), ...c.areas.map((a) => (q.areas.includes(a.areaId) ? 'x' : '.'))]);
    out += '\n' + table(['Id', 'Level', 'Key qualification', ...c.areas.map((a) => String(idx.get(a.areaId)))], grid);
  }
  out += c.gaps.length === 0 ? '\nNo gaps: every area is covered by at least one key qualification.\n' : `\nGaps (no key qualification covers): ${c.areas.filter((a) => a.qualifications === 0).map((a) => a.area).join('; ')}\n`;
  return out;
}

export function formatGaps(rows: readonly GapRow[], framework: string): string {
  if (rows.length === 0) return `No gaps: every area of ${framework} is covered for each of them.\n`;
  const body = rows.map((r) => [r.target.id, clip(r.target.name, 60), n(r.keyQualifications), r.gaps.map((g) => g.areaId).join(' ')]);
  const legend = [...new Map(rows.flatMap((r) => r.gaps.map((g) => [g.areaId, g.area] as const))).entries()].map(([id, area]) => `  ${id}: ${area}`).join('\n');
  return `Areas of ${framework} that no key qualification covers\n\n${table(['Id', 'Name', 'Key quals', 'Gaps'], body, [false, false, true, false])}\n${legend}\n`;
}

export function formatCrowded(rows: readonly CrowdedArea[], min: number): string {
  if (rows.length === 0) return `No area is covered by ${min} or more qualifications of one role.\n`;
  const body = rows.map((r) => [r.target.id, clip(r.target.name, 50), clip(r.area, 50), `${n(r.qualifications)} of ${n(r.of)}`]);
  return `Areas covered by ${min} or more of a role's qualifications\n\n${table(['Id', 'Name', 'Area', 'Qualifications'], body, [false, false, false, true])}`;
}

export function formatDuplicates(rows: readonly NearDuplicate[], min: number): string {
  if (rows.length === 0) return `\nNo near-duplicate qualifications (parts ${pct(min)} or more the same, or the same title).\n`;
  const body = rows.map((d) => [
    d.a.id,
    d.b.id,
    levelText(d.a.level) + (d.sameLevel ? '' : `/${levelText(d.b.level)}`),
    pct(d.similarity),
    d.sameTitle ? 'yes' : 'no',
    clip(d.a.title, 50),
    `${d.a.awardingBody ?? '?'} / ${d.b.awardingBody ?? '?'}`,
  ]);
  return `\nNear-duplicate qualifications (parts ${pct(min)} or more the same, or the same title): ${n(rows.length)} pair${rows.length === 1 ? '' : 's'}\n\n${table(['A', 'B', 'Level', 'Same parts', 'Same title', 'Title (A)', 'Awarding bodies'], body, [false, false, false, true])}`;
}

export function formatComparison(c: Comparison): string {
  const head = ['Id', 'Name', 'Key quals', ...c.areas.map((a) => String(a.position)), 'Covered'];
  const body = c.rows.map((r) => [r.target.id, clip(r.target.name, 50), n(r.keyQualifications), ...r.cells.map((x) => (r.keyQualifications === 0 ? '-' : pct(x.share))), `${r.areasCovered}/${c.areas.length}`]);
  const legend = c.areas.map((a) => `  ${a.position}: ${a.area}`).join('\n');
  return `Share of key qualifications covering each area of ${c.framework}\n\n${table(head, body, head.map((_, i) => i >= 2))}\n${legend}\n`;
}

export function formatRoutes(r: PrerequisiteRoutes): string {
  const q = r.qualification;
  if (r.routes.length === 0) return `${q.id} ${q.title} (${levelText(q.level)}) has no prerequisites.\n`;
  const lines = r.routes.map((route, i) => `${String(i + 1).padStart(3)}. ${routeLevels(route)}: ${route.map((s) => s.id).join(' -> ')}`);
  const items = r.required.map((s) => `  ${s.id.padEnd(6)} ${levelText(s.level).padEnd(5)} ${s.title}`);
  return (
    `Routes to ${q.id} ${q.title} (${levelText(q.level)}): ${n(r.routes.length)}${r.truncated ? ' (more were left out)' : ''}\n\n` +
    lines.join('\n') +
    `\n\nWhat comes before it:\n${items.join('\n')}\n`
  );
}


/** The change report: counts per kind, then each new, changed and retired record. */
export function formatChangeReport(report: ChangeReport, limit = 200): string {
  const counts = Object.entries(report.counts).map(([kind, c]) => [COLLECTION[kind as RecordKind], n(c!.new), n(c!.changed), n(c!.retired), n(c!.unchanged)]);
  let out = `Change report\n\n${table(['Records', 'New', 'Changed', 'Retired', 'Unchanged'], counts, [false, true, true, true, true])}`;
  const shown = report.entries.slice(0, limit);
  for (const action of ['new', 'changed', 'retired'] as const) {
    const list = shown.filter((e) => e.action === action);
    if (list.length === 0) continue;
    out += `\n${action === 'new' ? 'New' : action === 'changed' ? 'Changed' : 'Retired'}:\n`;
    for (const e of list) {
      const where = e.file ? ` (${e.file}:${e.line})` : ' (not in the file)';
      const name = clip(String((e.after as { title?: string; name?: string }).title ?? (e.after as { name?: string }).name ?? ''), 70);
      const id = e.newId ? `${e.id} (new id)` : e.id;
      out += `  ${id} ${name}${where}\n`;
      if (action !== 'new') for (const c of e.changes) out += `      ${formatChanges([c])}\n`;
    }
  }
  if (report.entries.length > limit) out += `\n... and ${n(report.entries.length - limit)} more (--json lists them all)\n`;
  return out;
}

export function formatHistory(id: string, changes: readonly Change[]): string {
  let out = `History of ${id}\n`;
  for (const c of changes) {
    out += `\nversion ${c.version}  ${c.at.slice(0, 19).replace('T', ' ')} UTC  ${c.action} by ${c.actor}${c.note ? `  (${c.note})` : ''}\n`;
    const diffs = changeDiff(c);
    out += diffs ? `  ${diffs}\n` : '';
  }
  return out;
}

function changeDiff(c: Change): string {
  if (c.before === null) return 'created';
  return diffRecords(c.kind, c.before, c.after)
    .map((d) => formatChanges([d]))
    .join('\n  ');
}

export function formatRecord(r: RegisterRecord, kind: RecordKind): string {
  const rows = fieldsOf(kind).map((f) => [f, valueText((r as unknown as Record<string, unknown>)[f])]);
  return table(['Field', 'Value'], rows);
}
