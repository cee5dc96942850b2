/**
 * What differs between the warehouses `routeways sql` prints for: quoting,
 * the text type, hashing, JSON arrays and one regular expression. Everything
 * else in the printed queries is plain SQL the four share (CTEs, CASE,
 * ROW_NUMBER() OVER, GROUP BY), so this is the only module to read when a
 * query fails on one of them.
 */
import { IDENTIFIER } from './mapping.js';

export const DIALECTS = ['duckdb', 'postgres', 'bigquery', 'spark'] as const;
export type DialectName = (typeof DIALECTS)[number];

export interface Dialect {
  name: DialectName;
  /** A checked identifier, quoted. */
  ident(name: string): string;
  /** A checked table name of one to three parts, each quoted. */
  table(name: string): string;
  /** The text type for CAST. */
  text: string;
  /** The floating-point type for CAST. */
  float: string;
  /** The integer type for CAST. */
  int: string;
  /** A person's record key (0..4095): the first 12 bits of SHA-256(secret ':' id), both text expressions. */
  recordKey(secret: string, id: string): string;
  /** Aggregate: the JSON array (as text) of the group's values of a text expression, sorted. */
  jsonArray(expr: string): string;
  /** Remove a leading 'level', 'lvl' or 'l' and spaces (the spellings `import` accepts for a level). */
  stripLevelWord(expr: string): string;
}

const quoteWith = (q: string) => (name: string) => {
  // Quoting never replaces checking: a name that fails the pattern never reaches SQL.
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new RangeError(`not an identifier: ${JSON.stringify(name)}`);
  return `${q}${name}${q}`;
};

function tableWith(ident: (s: string) => string): (name: string) => string {
  return (name) => {
    const parts = name.split('.');
    const ok = parts.length <= 3 && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(parts[0]!) && parts.slice(1).every((p) => IDENTIFIER.test(p));
    if (!ok) throw new RangeError(`not a table name: ${JSON.stringify(name)}`);
    return parts.map(ident).join('.');
  };
}

const LEVEL_WORD = `'^(level|lvl|l)? *'`;

const duckdb: Dialect = {
  name: 'duckdb',
  ident: quoteWith('"'),
  table: tableWith(quoteWith('"')),
  text: 'VARCHAR',
  float: 'DOUBLE',
  int: 'INTEGER',
  recordKey: (s, id) => `CAST(('0x' || left(sha256(${s} || ':' || ${id}), 3)) AS INTEGER)`,
  jsonArray: (e) => `CAST(to_json(list(${e} ORDER BY ${e})) AS VARCHAR)`,
  stripLevelWord: (e) => `regexp_replace(${e}, ${LEVEL_WORD}, '')`,
};

const postgres: Dialect = {
  name: 'postgres',
  ident: quoteWith('"'),
  table: tableWith(quoteWith('"')),
  text: 'TEXT',
  float: 'DOUBLE PRECISION',
  int: 'INTEGER',
  // sha256() (PostgreSQL 11+) returns bytea: 12 bits are the first byte and the high half of the second.
  recordKey: (s, id) => `(get_byte(sha256(convert_to(${s} || ':' || ${id}, 'UTF8')), 0) * 16 + get_byte(sha256(convert_to(${s} || ':' || ${id}, 'UTF8')), 1) / 16)`,
  jsonArray: (e) => `CAST(json_agg(${e} ORDER BY ${e}) AS TEXT)`,
  stripLevelWord: (e) => `regexp_replace(${e}, ${LEVEL_WORD}, '')`,
};

const bigquery: Dialect = {
  name: 'bigquery',
  ident: quoteWith('`'),
  // BigQuery quotes a whole path in one pair of backticks.
  table: (name) => `\`${tableWith((s) => s)(name)}\``,
  text: 'STRING',
  float: 'FLOAT64',
  int: 'INT64',
  recordKey: (s, id) => `CAST(CONCAT('0x', SUBSTR(TO_HEX(SHA256(CONCAT(${s}, ':', ${id}))), 1, 3)) AS INT64)`,
  jsonArray: (e) => `TO_JSON_STRING(ARRAY_AGG(${e} ORDER BY ${e}))`,
  stripLevelWord: (e) => `REGEXP_REPLACE(${e}, r${LEVEL_WORD}, '')`,
};

const spark: Dialect = {
  name: 'spark',
  ident: quoteWith('`'),
  table: tableWith(quoteWith('`')),
  text: 'STRING',
  float: 'DOUBLE',
  int: 'INT',
  recordKey: (s, id) => `CAST(conv(substr(sha2(concat(${s}, ':', ${id}), 256), 1, 3), 16, 10) AS INT)`,
  jsonArray: (e) => `to_json(array_sort(collect_list(${e})))`,
  stripLevelWord: (e) => `regexp_replace(${e}, ${LEVEL_WORD}, '')`,
};

export const DIALECT: Readonly<Record<DialectName, Dialect>> = { duckdb, postgres, bigquery, spark };
