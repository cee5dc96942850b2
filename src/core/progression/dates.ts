/**
 * Dates of employment histories as whole days since 1970-01-01 (UTC), so
 * windows, overlaps and durations are integer arithmetic and the store's SQL
 * (`date - DATE '1970-01-01'`) gives the same numbers.
 */

/** Days since 1970-01-01. */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of an ISO date `YYYY-MM-DD`; throws RangeError for anything else or an impossible date. */
export function dayFromIso(iso: string): Day {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not a date (expected YYYY-MM-DD): '${iso}'`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: '${iso}'`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** The ISO date `YYYY-MM-DD` of a day. */
export function isoFromDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The calendar year a day falls in. */
export function yearOfDay(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/**
 * The same day of the month `months` calendar months later, clamped to the
 * month's last day (31 January + 1 month = 28 or 29 February), as SQL's
 * `date + INTERVAL n MONTH` does in DuckDB and PostgreSQL.
 */
export function addMonths(day: Day, months: number): Day {
  if (!Number.isInteger(months)) throw new RangeError(`addMonths needs whole months, got ${months}`);
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(year, month, Math.min(d.getUTCDate(), last)) / MS_PER_DAY);
}
