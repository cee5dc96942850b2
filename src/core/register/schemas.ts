/**
 * Zod schemas for every kind of register record, with messages a register
 * keeper can act on. `validateRecord` returns the record normalised (text
 * trimmed, empty optional text as null, link lists sorted by id) or the
 * problems field by field ('parts[2].id: expected a module or qualification
 * id such as M12').
 *
 * These check one record on its own; whether the ids it refers to exist is
 * checked against the whole register in checks.ts.
 */
import { z } from 'zod';
import { compareIds } from './ids.js';
import { QUALIFICATION_TYPES, type RecordKind, type RecordOfKind } from './types.js';

// Control characters other than tab and line breaks never belong in register text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(what: string, max: number) {
  return z
    .string({ error: `expected ${what} as text` })
    .trim()
    .min(1, { error: `${what} is required` })
    .max(max, { error: `${what} is longer than ${max} characters` })
    .refine((s) => !CONTROL.test(s), { error: `${what} holds a control character` });
}

function optionalText(what: string, max: number) {
  return z
    .union([z.string({ error: `expected ${what} as text` }), z.null()], { error: `expected ${what} as text, or null` })
    .transform((s) => (s === null ? null : s.trim() === '' ? null : s.trim()))
    .refine((s) => s === null || s.length <= max, { error: `${what} is longer than ${max} characters` })
    .refine((s) => s === null || !CONTROL.test(s), { error: `${what} holds a control character` });
}

function idOf(prefixes: string, what: string) {
  return z.string({ error: `expected ${what}` }).regex(new RegExp(`^[${prefixes}][1-9][0-9]{0,8}$`), { error: `expected ${what}` });
}

const QUALIFICATION_ID = 'a qualification id such as Q12';
const ITEM_ID = 'a module or qualification id such as M12 or Q3';

export const schemaParts = {
  qualificationId: idOf('Q', QUALIFICATION_ID),
  moduleId: idOf('M', 'a module id such as M12'),
  itemId: idOf('QM', ITEM_ID),
  roleId: idOf('R', 'a role id such as R3'),
  clusteringId: idOf('G', 'a clustering id such as G1'),
  clusterId: idOf('C', 'a cluster id such as C4'),
  frameworkId: idOf('F', 'a framework id such as F1'),
  areaId: idOf('A', 'an area id such as A2'),
  providerId: idOf('P', 'a provider id such as P7'),
};

const status = z.enum(['current', 'retired'], { error: "expected 'current' or 'retired'" });
const version = z.number({ error: 'expected a version number' }).int().min(1, { error: 'versions start at 1' });
/** A whole or decimal number in [min, max], or null; every way of failing says the same thing. */
function numberOrNull(min: number, max: number, whole: boolean, message: string) {
  let n = z.number({ error: message }).min(min, { error: message }).max(max, { error: message });
  if (whole) n = n.int({ error: message });
  return z.union([n, z.null()], { error: message });
}
const level = numberOrNull(0, 8, true, 'expected a level from 1 to 8, or 0 for Entry');
const hours = (what: string) => numberOrNull(0, 100_000, false, `expected ${what} as a number of hours from 0 to 100,000`);
const wholeHours = (what: string) => numberOrNull(0, 100_000, true, `expected ${what} as a whole number of hours from 0 to 100,000`);
const url = z.union([z.url({ protocol: /^https?$/, error: 'expected a web address starting http:// or https://' }), z.null()], {
  error: 'expected a web address starting http:// or https://',
});
const SSA_MESSAGE = "expected a sector subject area code: tier 1 '1' to '15' or tier 2 such as '1.3'";
const ssa = z.union([z.string({ error: SSA_MESSAGE }).regex(/^(1[0-5]|[1-9])(\.[0-9]{1,2})?$/, { error: SSA_MESSAGE }), z.null()], { error: SSA_MESSAGE });

/** A list of ids, each once, sorted (Q2 before Q10). */
function idList<T extends z.ZodType<string>>(item: T, what: string) {
  return z
    .array(item, { error: `expected a list of ${what}` })
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `${id} is listed twice` });
        seen.add(id);
      });
    })
    .transform((ids) => [...ids].sort(compareIds));
}

function linkList<T extends z.ZodObject>(item: T, key: string, what: string) {
  return z
    .array(item, { error: `expected a list of ${what}` })
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        const id = (r as Record<string, unknown>)[key] as string;
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i, key], message: `${id} is listed twice` });
        seen.add(id);
      });
    })
    .transform((rows) => [...rows].sort((a, b) => compareIds((a as Record<string, string>)[key], (b as Record<string, string>)[key])));
}

const base = { status, version };

const qualification = z.strictObject({
  id: schemaParts.qualificationId,
  title: text('a title', 300),
  key: z.boolean({ error: 'expected true or false' }),
  type: z.union([z.enum(QUALIFICATION_TYPES), z.null()], { error: `expected a type: ${QUALIFICATION_TYPES.join(', ')}` }),
  awardingBody: optionalText('the awarding body', 200),
  level,
  learningHours: wholeHours('learning hours'),
  unitCode: optionalText('the unit code', 40),
  ssa,
  notes: optionalText('notes', 4000),
  source: optionalText('the source', 200),
  sourceUrl: url,
  parts: linkList(z.strictObject({ id: schemaParts.itemId, mandatory: z.boolean({ error: 'expected true or false' }) }), 'id', 'parts'),
  prerequisites: idList(schemaParts.itemId, 'module or qualification ids'),
  areas: idList(schemaParts.areaId, 'area ids'),
  ...base,
});

const module_ = z.strictObject({
  id: schemaParts.moduleId,
  title: text('a title', 300),
  unitCode: optionalText('the unit code', 40),
  level,
  learningHours: wholeHours('learning hours'),
  notes: optionalText('notes', 4000),
  source: optionalText('the source', 200),
  sourceUrl: url,
  areas: idList(schemaParts.areaId, 'area ids'),
  ...base,
});

const role = z.strictObject({
  id: schemaParts.roleId,
  name: text('a name', 300),
  notes: optionalText('notes', 4000),
  qualifications: linkList(
    z.strictObject({ id: schemaParts.qualificationId, key: z.boolean({ error: 'expected true or false' }) }),
    'id',
    'qualifications',
  ),
  ...base,
});

const clustering = z.strictObject({ id: schemaParts.clusteringId, name: text('a name', 200), notes: optionalText('notes', 4000), ...base });

const cluster = z.strictObject({
  id: schemaParts.clusterId,
  clusteringId: schemaParts.clusteringId,
  name: text('a name', 200),
  notes: optionalText('notes', 4000),
  roles: idList(schemaParts.roleId, 'role ids'),
  ...base,
});

const framework = z.strictObject({ id: schemaParts.frameworkId, name: text('a name', 200), notes: optionalText('notes', 4000), ...base });

const area = z.strictObject({
  id: schemaParts.areaId,
  frameworkId: schemaParts.frameworkId,
  name: text('a name', 300),
  description: optionalText('the description', 4000),
  position: z.number({ error: 'expected a position from 1' }).int().min(1, { error: 'positions start at 1' }).max(1000),
  ...base,
});

const provider = z.strictObject({
  id: schemaParts.providerId,
  name: text('a name', 200),
  url,
  notes: optionalText('notes', 4000),
  courses: linkList(z.strictObject({ qualificationId: schemaParts.qualificationId, hours: hours('course hours') }), 'qualificationId', 'courses'),
  ...base,
});

export const SCHEMAS = {
  qualification,
  module: module_,
  role,
  clustering,
  cluster,
  framework,
  area,
  provider,
} as const satisfies { [K in RecordKind]: z.ZodType };

/** A problem with one field of one record. */
export interface FieldIssue {
  /** Path of the field: 'title', 'parts[2].id'. */
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s;
}

/** Check one record of `kind`; on success the value is normalised. */
export function validateRecord<K extends RecordKind>(kind: K, value: unknown): Validated<RecordOfKind[K]> {
  const result = (SCHEMAS[kind] as z.ZodType).safeParse(value);
  if (result.success) return { ok: true, value: result.data as RecordOfKind[K] };
  return { ok: false, issues: result.error.issues.map((i) => ({ field: fieldPath(i.path), message: issueMessage(i) })) };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `is missing (${issue.message})`;
  return issue.message;
}

/** The fields of each kind, in the order they are written out. */
export function fieldsOf(kind: RecordKind): string[] {
  return Object.keys(SCHEMAS[kind].shape);
}
