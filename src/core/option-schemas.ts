/**
 * Building blocks for option schemas (zod): the analyses' options and the
 * disclosure policy are declared once, with their defaults, ranges and help
 * text, and every surface (CLI flags, policy files, server queries) validates
 * against the same schema. Messages are phrased to follow a flag or field
 * name: "--restarts must be a whole number of at least 1, got "0"".
 */
import { z } from 'zod';

function range(what: string, min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${what} from ${min} to ${max}`;
  if (min !== undefined) return `${what} of at least ${min}`;
  if (max !== undefined) return `${what} of at most ${max}`;
  return what;
}

/** A whole number, optionally bounded. */
export function wholeNumber(min?: number, max?: number) {
  const error = `must be ${range('a whole number', min, max)}`;
  let s = z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' });
  if (min !== undefined) s = s.min(min, { error });
  if (max !== undefined) s = s.max(max, { error });
  return s;
}

/** A finite number, optionally bounded (inclusive). */
export function decimalNumber(min?: number, max?: number) {
  const error = `must be ${range('a number', min, max)}`;
  let s = z.number({ error: 'must be a number' });
  if (min !== undefined) s = s.min(min, { error });
  if (max !== undefined) s = s.max(max, { error });
  return s;
}

/** A share between 0 and 1; `open` excludes the ends (a false discovery rate). */
export function shareNumber(open = false) {
  const error = open ? 'must be between 0 and 1' : 'must be a share between 0 and 1 (such as 0.3)';
  return open ? z.number({ error }).gt(0, { error }).lt(1, { error }) : z.number({ error }).min(0, { error }).max(1, { error });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date YYYY-MM-DD. */
export function isoDate() {
  const error = 'must be a date YYYY-MM-DD';
  return z.string({ error }).refine((v) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error });
}

/** One of a fixed set of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be ${values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`}` });
}

/** Extra facts about an option for the surfaces that offer it. */
export interface OptionMeta {
  /** Flag name without dashes when it is not the key in kebab case (e.g. 'weight' for `weighted`). */
  flag?: string;
  /** Placeholder in help, e.g. 'n', 'gamma', 'date'. */
  placeholder?: string;
  /** False: set by the pipeline itself (per report), not offered by `publish`. */
  pipeline?: boolean;
}
