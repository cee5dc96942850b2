/**
 * Errors a user can act on. The CLI maps them to exit codes: bad input 1,
 * usage 2. Messages speak the user's language (file, line, column, SOC, SSA).
 */

/** Where in an input file a problem is. Lines count from 1 including the header; columns from 1. */
export interface InputLocation {
  file: string;
  line?: number;
  column?: number;
  /** Column name (header) when known. */
  field?: string;
}

/** The input data is wrong: exit code 1. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(message: string, readonly location?: InputLocation) {
    super(message);
  }
}

/** The command was called wrongly (unknown option, missing argument, bad setting): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Format "file:line:column" the way compilers do, so editors can jump to it. */
export function formatLocation(loc: InputLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.column !== undefined) s += `:${loc.column}`;
  return s;
}
