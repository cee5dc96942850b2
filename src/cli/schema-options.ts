/**
 * Command-line flags built from an options schema (zod), so an option's
 * name, help text, default and range are written once, where the analysis or
 * policy declares it. `--flag` is the key in kebab case unless the schema's
 * meta names another; lists take repeated flags or commas; numbers are parsed
 * here and checked by the schema, whose message follows the flag:
 * "--restarts must be a whole number of at least 1, got "0"".
 */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import type { OptionMeta } from '../core/option-schemas.js';

type Json = { type?: string; const?: unknown; default?: unknown; description?: string; enum?: unknown[]; items?: Json; anyOf?: Json[] } & OptionMeta;

export interface SchemaFlag {
  key: string;
  flag: string;
  json: Json;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flags of a schema's options; `prefix` renames them (e.g. 'pathways-min-base'); `pipeline` leaves out options the pipeline sets. */
export function schemaFlags(schema: z.ZodObject, opts: { prefix?: string; pipeline?: boolean; omit?: string[] } = {}): SchemaFlag[] {
  const props = (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json> }).properties ?? {};
  return Object.entries(props)
    .filter(([key, json]) => !(opts.omit ?? []).includes(key) && !(opts.pipeline && json.pipeline === false))
    .map(([key, json]) => ({ key, flag: `${opts.prefix ? `${opts.prefix}-` : ''}${json.flag ?? kebab(key)}`, json }));
}

function typeOf(j: Json): string | undefined {
  return j.type ?? j.anyOf?.find((x) => x.type)?.type;
}

function helpOf(f: SchemaFlag): string {
  const d = f.json.default;
  const shown = d === undefined || (Array.isArray(d) && d.length === 0) || d === false ? '' : ` (default ${Array.isArray(d) ? d.join(',') : String(d)})`;
  return `${f.json.description ?? f.key}${shown}`;
}

/** Add the flags to a command. Defaults are not given to commander: an absent flag leaves the schema's default. */
export function addSchemaFlags(cmd: Command, flags: SchemaFlag[]): Command {
  for (const f of flags) {
    const t = typeOf(f.json);
    if (t === 'boolean') {
      cmd.addOption(new Option(f.json.default === true ? `--no-${f.flag}` : `--${f.flag}`, helpOf(f)));
      continue;
    }
    const placeholder = f.json.placeholder ?? (t === 'array' ? 'values' : 'value');
    const option = new Option(`--${f.flag} <${placeholder}>`, helpOf(f) + (t === 'array' ? '; repeatable or comma-separated' : ''));
    if (t === 'array') option.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), ...v.split(',').map((x) => x.trim()).filter(Boolean)]);
    cmd.addOption(option);
  }
  return cmd;
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A number where the schema wants one; a word the schema also allows (such as 'none') stays a word. */
function toNumber(v: string, json: Json): number | string {
  const n = v.trim() === '' ? Number.NaN : Number(v);
  const wordsAllowed = (json.anyOf ?? []).some((x) => x.type === 'string' || typeof x.const === 'string' || x.enum !== undefined);
  return Number.isNaN(n) && wordsAllowed ? v : n;
}

/** The values commander collected for these flags, as the schema's input (strings turned into numbers where it wants numbers). */
export function flagValues(flags: SchemaFlag[], opts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    const v = opts[camel(f.flag)];
    if (v === undefined) continue;
    const t = typeOf(f.json);
    const itemType = f.json.items ? typeOf(f.json.items) : undefined;
    if ((t === 'number' || t === 'integer') && typeof v === 'string') out[f.key] = toNumber(v, f.json);
    else if (t === 'array' && Array.isArray(v) && (itemType === 'number' || itemType === 'integer')) out[f.key] = v.map((x) => toNumber(String(x), f.json.items!));
    else out[f.key] = v;
  }
  return out;
}

/** Validate flag values with the schema; a bad value is a usage error naming its flag and what was given. */
export function parseFlags<S extends z.ZodObject>(schema: S, flags: SchemaFlag[], opts: Record<string, unknown>): z.output<S> {
  const input = flagValues(flags, opts);
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = flags.find((f) => f.key === issue.path[0])?.flag ?? String(issue.path[0] ?? 'option');
  const given = opts[camel(flag)];
  const shown = Array.isArray(given) && typeof issue.path[1] === 'number' ? given[issue.path[1]] : given;
  throw new UsageError(`--${flag} ${issue.message}${shown !== undefined ? `, got ${JSON.stringify(shown)}` : ''}`);
}
