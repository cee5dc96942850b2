/**
 * Rules a record must keep within the whole register: the ids it names exist
 * and are of the right kind, nothing is a part or prerequisite of itself, and
 * parts and prerequisites have no cycles (a route of levels must end).
 */
import { kindOfId } from './ids.js';
import type { FieldIssue } from './schemas.js';
import type { Qualification, RecordKind, RegisterData, RegisterRecord } from './types.js';
import { COLLECTION, RECORD_KINDS } from './types.js';

type Exists = (id: string) => boolean;

/** Problems with the references of one record, given what exists. */
export function checkReferences(kind: RecordKind, record: RegisterRecord, exists: Exists): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const need = (field: string, id: string) => {
    if (!exists(id)) issues.push({ field, message: `${id} is not in the register` });
  };
  switch (kind) {
    case 'qualification': {
      const q = record as Qualification;
      q.parts.forEach((p, i) => (p.id === q.id ? issues.push({ field: `parts[${i}].id`, message: `${q.id} cannot be a part of itself` }) : need(`parts[${i}].id`, p.id)));
      q.prerequisites.forEach((id, i) =>
        id === q.id ? issues.push({ field: `prerequisites[${i}]`, message: `${q.id} cannot be its own prerequisite` }) : need(`prerequisites[${i}]`, id),
      );
      q.areas.forEach((id, i) => need(`areas[${i}]`, id));
      break;
    }
    case 'module':
      (record as { areas: string[] }).areas.forEach((id, i) => need(`areas[${i}]`, id));
      break;
    case 'role':
      (record as { qualifications: { id: string }[] }).qualifications.forEach((q, i) => need(`qualifications[${i}].id`, q.id));
      break;
    case 'cluster': {
      const c = record as { clusteringId: string; roles: string[] };
      need('clusteringId', c.clusteringId);
      c.roles.forEach((id, i) => need(`roles[${i}]`, id));
      break;
    }
    case 'area':
      need('frameworkId', (record as { frameworkId: string }).frameworkId);
      break;
    case 'provider':
      (record as { courses: { qualificationId: string }[] }).courses.forEach((c, i) => need(`courses[${i}].qualificationId`, c.qualificationId));
      break;
    default:
      break;
  }
  return issues;
}

/**
 * A cycle through `field` ('parts' or 'prerequisites') that passes through
 * `start`, as the ids on it (start first), or undefined.
 */
export function findCycle(qualifications: ReadonlyMap<string, Qualification>, start: string, field: 'parts' | 'prerequisites'): string[] | undefined {
  const next = (id: string): string[] => {
    const q = qualifications.get(id);
    if (!q) return [];
    return field === 'parts' ? q.parts.map((p) => p.id) : q.prerequisites;
  };
  // Depth-first search from start's successors back to start.
  const path: string[] = [start];
  const done = new Set<string>();
  const visit = (id: string): boolean => {
    for (const n of next(id)) {
      if (n === start) return true;
      if (done.has(n) || path.includes(n)) continue;
      path.push(n);
      if (visit(n)) return true;
      path.pop();
      done.add(n);
    }
    return false;
  };
  return visit(start) ? [...path, start] : undefined;
}

/** Cycle problems for one qualification within the register it is to join. */
export function checkCycles(q: Qualification, qualifications: ReadonlyMap<string, Qualification>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const parts = findCycle(qualifications, q.id, 'parts');
  if (parts) issues.push({ field: 'parts', message: `the parts form a cycle: ${parts.join(' contains ')}` });
  const pre = findCycle(qualifications, q.id, 'prerequisites');
  if (pre) issues.push({ field: 'prerequisites', message: `the prerequisites form a cycle: ${pre.join(' requires ')}` });
  return issues;
}

export interface RecordIssues {
  kind: RecordKind;
  id: string;
  issues: FieldIssue[];
}

/** Every reference and cycle problem in a whole register (also: the same id twice). */
export function checkRegister(data: RegisterData): RecordIssues[] {
  const ids = new Set<string>();
  const out: RecordIssues[] = [];
  for (const kind of RECORD_KINDS) {
    for (const r of data[COLLECTION[kind]] as RegisterRecord[]) {
      if (ids.has(r.id)) out.push({ kind, id: r.id, issues: [{ field: 'id', message: `${r.id} is used by two records` }] });
      ids.add(r.id);
    }
  }
  const exists = (id: string) => ids.has(id) && kindOfId(id) !== undefined;
  const quals = new Map(data.qualifications.map((q) => [q.id, q]));
  for (const kind of RECORD_KINDS) {
    for (const r of data[COLLECTION[kind]] as RegisterRecord[]) {
      const issues = checkReferences(kind, r, exists);
      if (kind === 'qualification') issues.push(...checkCycles(r as Qualification, quals));
      if (issues.length > 0) out.push({ kind, id: r.id, issues });
    }
  }
  return out;
}

