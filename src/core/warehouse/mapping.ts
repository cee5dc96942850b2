/**
 * The warehouse mapping file: which tables and columns of a warehouse hold
 * the extract's people, qualifications and occupations. Every name is an
 * identifier that goes into printed SQL, so each is checked against a strict
 * pattern here and quoted per dialect later (src/core/warehouse/dialects.ts);
 * nothing from the file is ever pasted in unchecked.
 *
 * Defaults are Routeways' own file and column names, so an extract loaded
 * into a warehouse as it is needs no mapping file at all. Optional columns
 * may be null: the warehouse does not hold them.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

/** One identifier part: letters, digits and underscores, not starting with a digit. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A table: one to three parts (table, schema.table, project.dataset.table); a BigQuery project id may hold hyphens. */
const TABLE = /^(?:[A-Za-z_][A-Za-z0-9_-]*\.)?(?:[A-Za-z_][A-Za-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*$/;

const column = z.string().regex(IDENTIFIER, 'a column name of letters, digits and underscores, not starting with a digit');
const optionalColumn = column.nullable();
const table = z.string().regex(TABLE, "a table name ('table', 'schema.table' or 'project.dataset.table') of letters, digits and underscores");

const peopleMap = z.strictObject({ table: table.default('people'), person_id: column.default('person_id'), region: column.default('region') });
const qualificationsMap = z.strictObject({
  table: table.default('qualifications'),
  person_id: column.default('person_id'),
  title: column.default('qualification'),
  ssa: optionalColumn.default('ssa'),
  level: optionalColumn.default('level'),
  type: optionalColumn.default('type'),
  achieved_on: optionalColumn.default('achieved_on'),
  highest: optionalColumn.default('highest'),
  weight: optionalColumn.default(null),
  /** The order rows were listed in (a loading sequence): breaks ties the way the embedded import does (first listed wins). */
  row_order: optionalColumn.default(null),
});
const occupationsMap = z.strictObject({
  table: table.default('occupations'),
  person_id: column.default('person_id'),
  title: column.default('occupation'),
  soc: optionalColumn.default('soc'),
  employment_type: optionalColumn.default('employment_type'),
  started_on: optionalColumn.default('started_on'),
  row_order: optionalColumn.default(null),
});

export const warehouseMappingSchema = z.strictObject({
  people: peopleMap.default(peopleMap.parse({})),
  qualifications: qualificationsMap.default(qualificationsMap.parse({})),
  occupations: occupationsMap.default(occupationsMap.parse({})),
});

export type WarehouseMapping = z.output<typeof warehouseMappingSchema>;

/** The mapping with every default (an extract loaded as it is). */
export function defaultWarehouseMapping(): WarehouseMapping {
  return warehouseMappingSchema.parse({});
}

/** Check a parsed mapping file; a problem names the field (`qualifications.level`) and what was expected. */
export function parseWarehouseMapping(value: unknown, file: string): WarehouseMapping {
  const r = warehouseMappingSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(top level)';
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}` : issue.message;
  throw new InputError(`mapping field '${field}': ${message}`, { file, field });
}
