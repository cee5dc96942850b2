/**
 * The change report of a bulk import, as a pure diff: which records the file
 * adds, which it changes (field by field) and which it retires, before
 * anything is written. A row names its record by id; without an id it is
 * matched by unit code (qualifications, modules) or by name (roles, clusters
 * within their clustering, areas within their framework, the rest), and is new
 * when nothing matches. With `retireMissing`, current records of the kinds in
 * the file that the file does not list are retired.
 *
 * The report is also the plan: applying it (the store) writes exactly these
 * records, provided none of them changed in between.
 */
import { checkCycles, checkReferences } from './checks.js';
import { diffRecords, type FieldChange } from './diff.js';
import { idNumber, kindOfId, makeId } from './ids.js';
import { problemFromMessage, type ImportProblem, type IncomingRecord, type ListHalf } from './incoming.js';
import { validateRecord, type FieldIssue } from './schemas.js';
import { columnOf } from './tabular.js';
import {
  COLLECTION,
  RECORD_KINDS,
  type Qualification,
  type RecordKind,
  type RegisterData,
  type RegisterRecord,
} from './types.js';
import { appendTo } from '../multimap.js';

export type ChangeAction = 'new' | 'changed' | 'retired';

export interface ChangeEntry {
  action: ChangeAction;
  kind: RecordKind;
  id: string;
  /** The id is the next free one, handed out when the import is applied. */
  newId: boolean;
  /** How the row found its record. */
  matchedBy: 'id' | 'unit code' | 'name' | null;
  before: RegisterRecord | null;
  after: RegisterRecord;
  changes: FieldChange[];
  file: string | null;
  line: number | null;
}

export interface KindCounts {
  new: number;
  changed: number;
  retired: number;
  unchanged: number;
}

export interface ChangeReport {
  entries: ChangeEntry[];
  counts: { [K in RecordKind]?: KindCounts };
  /** Rows that match a record and change nothing. */
  unchanged: number;
}

export type PlanResult = { ok: true; report: ChangeReport } | { ok: false; problems: ImportProblem[] };

export interface PlanOptions {
  retireMissing?: boolean;
}

const DEFAULTS: { readonly [K in RecordKind]: Record<string, unknown> } = {
  qualification: {
    key: false,
    type: null,
    awardingBody: null,
    level: null,
    learningHours: null,
    unitCode: null,
    ssa: null,
    notes: null,
    source: null,
    sourceUrl: null,
    parts: [],
    prerequisites: [],
    areas: [],
  },
  module: { unitCode: null, level: null, learningHours: null, notes: null, source: null, sourceUrl: null, areas: [] },
  role: { notes: null, qualifications: [] },
  clustering: { notes: null },
  cluster: { notes: null, roles: [] },
  framework: { notes: null },
  area: { description: null },
  provider: { url: null, notes: null, courses: [] },
};

export function planImport(current: RegisterData, incoming: readonly IncomingRecord[], options: PlanOptions = {}): PlanResult {
  const problems: ImportProblem[] = [];
  const matcher = makeMatcher(current);
  const nextNumber = nextNumbers(current, incoming);
  const claimed = new Map<string, IncomingRecord>();
  const drafts: { rec: IncomingRecord; before: RegisterRecord | null; after: RegisterRecord; newId: boolean; matchedBy: ChangeEntry['matchedBy'] }[] = [];
  for (const rec of incoming) {
    const found = matcher.find(rec, problems);
    if (found === 'problem') continue;
    const before = found?.record ?? null;
    let id = before?.id ?? (rec.fields.id as string | undefined);
    const newId = id === undefined;
    if (id === undefined) id = makeId(rec.kind, nextNumber[rec.kind]++);
    const earlier = claimed.get(id);
    if (earlier) {
      problems.push({ file: rec.file, line: rec.line, field: 'id', value: id, problem: `names the same record as line ${earlier.line}`, expected: 'each record once in a file' });
      continue;
    }
    claimed.set(id, rec);
    const merged = mergeIncoming(rec, before, id);
    const valid = validateRecord(rec.kind, merged);
    if (!valid.ok) {
      problems.push(...valid.issues.map((i) => locate(rec, i)));
      continue;
    }
    drafts.push({ rec, before, after: valid.value, newId, matchedBy: found?.by ?? null });
  }
  if (problems.length > 0) return { ok: false, problems };
  const retired = options.retireMissing ? retireMissing(current, incoming, claimed) : [];
  const checked = checkAgainstRegister(current, drafts);
  if (checked.length > 0) return { ok: false, problems: checked };
  return { ok: true, report: buildReport(drafts, retired) };
}

/** Find each row's record by id, unit code or name. */
function makeMatcher(current: RegisterData) {
  const byId = new Map<string, RegisterRecord>();
  const byKey = new Map<string, RegisterRecord[]>();
  for (const kind of RECORD_KINDS) {
    for (const r of current[COLLECTION[kind]] as RegisterRecord[]) {
      byId.set(r.id, r);
      const k = naturalKey(kind, r as unknown as Record<string, unknown>);
      if (k) appendTo(byKey, k, r);
    }
  }
  return {
    find(rec: IncomingRecord, problems: ImportProblem[]): { record: RegisterRecord; by: 'id' | 'unit code' | 'name' } | null | 'problem' {
      const id = rec.fields.id as string | undefined;
      if (id !== undefined) {
        if (kindOfId(id) !== rec.kind) {
          problems.push({ ...where(rec, 'id'), problem: `is not an id of a ${rec.kind}`, expected: `an id such as ${makeId(rec.kind, 12)}, or blank for a new record` });
          return 'problem';
        }
        const r = byId.get(id);
        return r ? { record: r, by: 'id' } : null;
      }
      const k = naturalKey(rec.kind, rec.fields);
      const matches = k ? (byKey.get(k) ?? []) : [];
      if (matches.length > 1) {
        const field = rec.kind === 'qualification' || rec.kind === 'module' ? 'unitCode' : 'name';
        problems.push({ ...where(rec, field), problem: `matches ${matches.length} records (${matches.map((m) => m.id).join(', ')})`, expected: 'an id column saying which record' });
        return 'problem';
      }
      return matches.length === 1 ? { record: matches[0], by: rec.kind === 'qualification' || rec.kind === 'module' ? 'unit code' : 'name' } : null;
    },
  };
}

function naturalKey(kind: RecordKind, f: Record<string, unknown>): string | undefined {
  const norm = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined);
  switch (kind) {
    case 'qualification':
    case 'module': {
      const code = norm(f.unitCode);
      return code ? `${kind}|${code}` : undefined;
    }
    case 'cluster': {
      const name = norm(f.name);
      return name && typeof f.clusteringId === 'string' ? `cluster|${f.clusteringId}|${name}` : undefined;
    }
    case 'area': {
      const name = norm(f.name);
      return name && typeof f.frameworkId === 'string' ? `area|${f.frameworkId}|${name}` : undefined;
    }
    default: {
      const name = norm(f.name);
      return name ? `${kind}|${name}` : undefined;
    }
  }
}

/** The next free id number of each kind, above the register's and the file's own ids. */
function nextNumbers(current: RegisterData, incoming: readonly IncomingRecord[]): Record<RecordKind, number> {
  const next = Object.fromEntries(RECORD_KINDS.map((k) => [k, 1])) as Record<RecordKind, number>;
  const see = (kind: RecordKind, id: unknown) => {
    const n = typeof id === 'string' && kindOfId(id) === kind ? idNumber(id) : undefined;
    if (n !== undefined && n >= next[kind]) next[kind] = n + 1;
  };
  for (const kind of RECORD_KINDS) for (const r of current[COLLECTION[kind]] as RegisterRecord[]) see(kind, r.id);
  for (const rec of incoming) see(rec.kind, rec.fields.id);
  return next;
}

/** The record as it will be: the stored one (or defaults) with the file's fields over it. */
export function mergeIncoming(rec: IncomingRecord, before: RegisterRecord | null, id: string): Record<string, unknown> {
  const base: Record<string, unknown> = before
    ? clone(before as unknown as Record<string, unknown>)
    : { ...clone(DEFAULTS[rec.kind]), status: 'current', version: 1 };
  const out: Record<string, unknown> = { ...base, ...rec.fields, id };
  out.version = before ? before.version : 1;
  for (const half of rec.halves) out[half.field] = applyHalf(out[half.field], half);
  return out;
}

function applyHalf(list: unknown, half: ListHalf): unknown[] {
  const items = Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
  const given = new Set(half.ids);
  const kept = items.filter((x) => x[half.flag] !== half.value && !given.has(x.id as string));
  return [...kept, ...half.ids.map((id) => ({ id, [half.flag]: half.value }))];
}

function where(rec: IncomingRecord, field: string): ImportProblem {
  const at = rec.at[field];
  return at
    ? { file: rec.file, line: at.line, column: at.column, field: columnOf(rec.kind, field), value: at.value, problem: '' }
    : { file: rec.file, line: rec.line, field: columnOf(rec.kind, field), problem: '' };
}

/** A validation issue placed at the field's line and column. */
function locate(rec: IncomingRecord, issue: FieldIssue): ImportProblem {
  const root = issue.field.split(/[.[]/)[0];
  const { problem, expected } = problemFromMessage(issue.message);
  const base = where(rec, root);
  const field = rec.at[root] && issue.field !== root ? `${base.field} (${issue.field})` : base.field;
  return { ...base, field, problem, expected };
}

function retireMissing(current: RegisterData, incoming: readonly IncomingRecord[], claimed: ReadonlyMap<string, IncomingRecord>): { before: RegisterRecord; after: RegisterRecord; kind: RecordKind }[] {
  const kinds = new Set(incoming.map((r) => r.kind));
  const out: { before: RegisterRecord; after: RegisterRecord; kind: RecordKind }[] = [];
  for (const kind of kinds) {
    for (const r of current[COLLECTION[kind]] as RegisterRecord[]) {
      if (r.status === 'current' && !claimed.has(r.id)) out.push({ kind, before: r, after: { ...clone(r), status: 'retired' } });
    }
  }
  return out;
}

/** References and cycles, checked in the register as it would be after the import. */
function checkAgainstRegister(current: RegisterData, drafts: readonly { rec: IncomingRecord; after: RegisterRecord }[]): ImportProblem[] {
  const ids = new Set<string>();
  for (const kind of RECORD_KINDS) for (const r of current[COLLECTION[kind]] as RegisterRecord[]) ids.add(r.id);
  const quals = new Map(current.qualifications.map((q) => [q.id, q]));
  for (const d of drafts) {
    ids.add(d.after.id);
    if (d.rec.kind === 'qualification') quals.set(d.after.id, d.after as Qualification);
  }
  const problems: ImportProblem[] = [];
  for (const d of drafts) {
    const issues = checkReferences(d.rec.kind, d.after, (id) => ids.has(id));
    if (d.rec.kind === 'qualification') issues.push(...checkCycles(d.after as Qualification, quals));
    problems.push(...issues.map((i) => locate(d.rec, i)));
  }
  return problems;
}

function buildReport(
  drafts: readonly { rec: IncomingRecord; before: RegisterRecord | null; after: RegisterRecord; newId: boolean; matchedBy: ChangeEntry['matchedBy'] }[],
  retired: readonly { before: RegisterRecord; after: RegisterRecord; kind: RecordKind }[],
): ChangeReport {
  const entries: ChangeEntry[] = [];
  const counts: ChangeReport['counts'] = {};
  const count = (kind: RecordKind, what: keyof KindCounts) => {
    const c = (counts[kind] ??= { new: 0, changed: 0, retired: 0, unchanged: 0 });
    c[what]++;
  };
  let unchanged = 0;
  for (const d of drafts) {
    const changes = diffRecords(d.rec.kind, d.before, d.after);
    if (d.before && changes.length === 0) {
      unchanged++;
      count(d.rec.kind, 'unchanged');
      continue;
    }
    const action: ChangeAction = !d.before ? 'new' : d.before.status === 'current' && d.after.status === 'retired' ? 'retired' : 'changed';
    count(d.rec.kind, action);
    entries.push({ action, kind: d.rec.kind, id: d.after.id, newId: d.newId, matchedBy: d.matchedBy, before: d.before, after: d.after, changes, file: d.rec.file, line: d.rec.line });
  }
  for (const r of retired) {
    count(r.kind, 'retired');
    entries.push({ action: 'retired', kind: r.kind, id: r.before.id, newId: false, matchedBy: null, before: r.before, after: r.after, changes: diffRecords(r.kind, r.before, r.after), file: null, line: null });
  }
  return { entries, counts, unchanged };
}

/** True when applying the report would write nothing. */
export function isEmptyReport(report: ChangeReport): boolean {
  return report.entries.length === 0;
}

/** A deep copy of plain data (records are JSON). */
function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
