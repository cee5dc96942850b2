/**
 * Classified values as entered. Each classified column (region, ssa, soc)
 * keeps its matched code, and beside it (`*_raw`) the value as entered only
 * where that differs from the code: most extracts give the codes themselves,
 * and writing them twice cost a tenth of an import. So `*_raw` is NULL both
 * for a blank value (code NULL too) and for a value equal to its code; a
 * blank value that was given a code afterwards (by the title coder) is ''.
 */

/** SQL of the value as entered, NULL when blank. */
export const asEnteredSql = (raw: string, code: string): string => `CASE WHEN ${raw} IS NULL THEN ${code} ELSE nullif(${raw}, '') END`;

/**
 * SQL of what `*_raw` stores for a column as read, given its matched code and
 * how to clean it (trim, blank as NULL). The column is compared as read, so
 * the cleaning runs only for values that are kept; a value equal to its code
 * only once trimmed is kept, trimmed, which reads the same.
 */
export const storedRawSql = (column: string, code: string, clean: (c: string) => string): string =>
  `CASE WHEN ${column} = ${code} THEN NULL ELSE ${clean(column)} END`;

/** The SET item an UPDATE that changes a code must carry, so the value as entered survives. */
export const keepAsEnteredSql = (raw: string, code: string): string => `${raw} = coalesce(${raw}, ${code}, '')`;
