/**
 * The key two values are compared by: case, spacing and punctuation ignored,
 * '&' read as 'and', accents dropped. "Yorkshire & Humberside (inc. S.Yorks)"
 * and "yorkshire and humberside inc s yorks" give the same key.
 */
export function normaliseKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining accents left by NFKD
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A value with nothing but spacing in it counts as absent. */
export function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}
