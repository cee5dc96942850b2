/**
 * Field-by-field differences between two versions of a record: what a
 * conflict shows an editor, what the change report of an import lists, and
 * what the history prints.
 */
import { fieldsOf } from './schemas.js';
import type { RecordKind, RegisterRecord } from './types.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** For list fields: the items added and removed, as text ('M12', 'Q3 (key)'). */
  added?: string[];
  removed?: string[];
}

/** Fields that are bookkeeping rather than content. */
const NOT_CONTENT = new Set(['id', 'version']);

/** The content fields that differ between `before` and `after` (version and id are not content). */
export function diffRecords(kind: RecordKind, before: RegisterRecord | null, after: RegisterRecord | null): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fieldsOf(kind)) {
    if (NOT_CONTENT.has(field)) continue;
    const b = before ? (before as unknown as Record<string, unknown>)[field] : undefined;
    const a = after ? (after as unknown as Record<string, unknown>)[field] : undefined;
    if (sameValue(b, a)) continue;
    if (Array.isArray(b) || Array.isArray(a)) {
      const bItems = (Array.isArray(b) ? b : []).map(itemText);
      const aItems = (Array.isArray(a) ? a : []).map(itemText);
      const bSet = new Set(bItems);
      const aSet = new Set(aItems);
      out.push({ field, before: b ?? null, after: a ?? null, added: aItems.filter((x) => !bSet.has(x)), removed: bItems.filter((x) => !aSet.has(x)) });
    } else {
      out.push({ field, before: b ?? null, after: a ?? null });
    }
  }
  return out;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted, so that equal records compare equal whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v === undefined ? null : v, (_k, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, (value as Record<string, unknown>)[k]]))
      : value,
  );
}

/** One list item as text: an id, with its flag or hours when it has them. */
export function itemText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    const id = String(o.id ?? o.qualificationId ?? '?');
    if (typeof o.mandatory === 'boolean') return o.mandatory ? `${id} (mandatory)` : id;
    if (typeof o.key === 'boolean') return o.key ? `${id} (key)` : id;
    if ('hours' in o) return o.hours === null || o.hours === undefined ? id : `${id} (${String(o.hours)} hours)`;
    return id;
  }
  return String(item);
}

/** A value as a keeper reads it: text quoted, nothing as (none), lists as their items. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return `'${v.length > 80 ? v.slice(0, 77) + '...' : v}'`;
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map(itemText).join(', ');
  return String(v);
}

/** "title 'Old' -> 'New'; parts + M12, - M3". */
export function formatChanges(changes: readonly FieldChange[]): string {
  return changes
    .map((c) => {
      if (c.added || c.removed) {
        const bits = [...(c.added ?? []).map((x) => `+ ${x}`), ...(c.removed ?? []).map((x) => `- ${x}`)];
        return `${c.field} ${bits.join(', ')}`;
      }
      return `${c.field} ${valueText(c.before)} -> ${valueText(c.after)}`;
    })
    .join('; ');
}
