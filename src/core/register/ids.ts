/**
 * Stable ids: a kind letter and a number (Q12, M40, R3). The store hands out
 * the numbers from a counter per kind, so an id never changes, is never reused
 * after a record is retired, and says at a glance what it names.
 */
import type { RecordKind } from './types.js';

export const ID_PREFIX: { readonly [K in RecordKind]: string } = {
  qualification: 'Q',
  module: 'M',
  role: 'R',
  clustering: 'G',
  cluster: 'C',
  framework: 'F',
  area: 'A',
  provider: 'P',
};

const KIND_OF_PREFIX = new Map<string, RecordKind>(Object.entries(ID_PREFIX).map(([k, p]) => [p, k as RecordKind]));

const ID_RE = /^([QMRGCFAP])([1-9][0-9]{0,8})$/;

/** The kind of record an id names, or undefined when it is not a register id. */
export function kindOfId(id: string): RecordKind | undefined {
  const m = ID_RE.exec(id);
  return m ? KIND_OF_PREFIX.get(m[1]) : undefined;
}

/** The number of an id (Q12 -> 12), or undefined. */
export function idNumber(id: string): number | undefined {
  const m = ID_RE.exec(id);
  return m ? Number(m[2]) : undefined;
}

export function makeId(kind: RecordKind, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`id numbers start at 1 (got ${n})`);
  return `${ID_PREFIX[kind]}${n}`;
}

export function isIdOf(kind: RecordKind, id: string): boolean {
  return kindOfId(id) === kind;
}

/** Order ids by kind letter, then number (Q2 before Q10). */
export function compareIds(a: string, b: string): number {
  const ma = ID_RE.exec(a);
  const mb = ID_RE.exec(b);
  if (!ma || !mb) return a < b ? -1 : a > b ? 1 : 0;
  if (ma[1] !== mb[1]) return ma[1] < mb[1] ? -1 : 1;
  return Number(ma[2]) - Number(mb[2]);
}

export function describeIdFormat(kind: RecordKind): string {
  return `an id such as ${ID_PREFIX[kind]}12 (${ID_PREFIX[kind]} then a number)`;
}
