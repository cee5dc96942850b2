/**
 * Test helpers for progression: compact builders of histories, and a loader
 * that writes histories straight into a real store's tables (quicker than
 * writing an extract and importing it, which test/ingest/histories.test.ts
 * and test/demo/careers.test.ts do), so the same data can be counted by the
 * pure core and by the store's SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { dateValue, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { openStore, type Store } from '../../src/store/database.js';
import { dayFromIso } from '../../src/core/progression/dates.js';
import type { BenefitClaim, Contract, EmploymentType, ExitReason, PersonHistory, QualificationRecord, Spell } from '../../src/core/progression/spells.js';
import type { PayPeriod } from '../../src/core/progression/pay.js';
import type { ProgressionCounts } from '../../src/core/progression/counts.js';

export interface SpellSpec {
  from: string | null;
  to?: string | null;
  title?: string;
  soc?: string | null;
  hours?: number | null;
  pay?: number | null;
  per?: PayPeriod | null;
  contract?: Contract | null;
  exit?: ExitReason | null;
  type?: EmploymentType | null;
  line?: number;
}

export interface QualSpec {
  title: string;
  ssa?: string | null;
  level?: number | null;
  type?: 'apprenticeship' | 'classroom' | null;
  on?: string | null;
  highest?: boolean | null;
}

const d = (iso: string | null | undefined) => (iso === null || iso === undefined ? null : dayFromIso(iso));

export function spell(s: SpellSpec): Spell {
  const soc = s.soc ?? null;
  return {
    ...(s.line !== undefined ? { line: s.line } : {}),
    title: s.title ?? (soc ? `Job ${soc}` : 'Job'),
    socSubmajor: soc,
    socMajor: soc ? soc[0] : null,
    employmentType: s.type ?? null,
    startedOn: d(s.from),
    endedOn: d(s.to),
    hours: s.hours ?? null,
    pay: s.pay ?? null,
    payPeriod: s.per ?? null,
    contract: s.contract ?? null,
    exitReason: s.exit ?? null,
  };
}

export function qual(q: QualSpec): QualificationRecord {
  return { title: q.title, ssa: q.ssa ?? null, level: q.level ?? null, type: q.type ?? null, achievedOn: d(q.on), highest: q.highest ?? null };
}

export function claim(from: string, to: string | null, line?: number): BenefitClaim {
  return { ...(line !== undefined ? { line } : {}), startedOn: dayFromIso(from), endedOn: d(to) };
}

export function person(key: number, p: { region?: string | null; quals?: QualSpec[]; spells?: SpellSpec[]; claims?: Array<[string, string | null]> }): PersonHistory {
  return {
    personKey: key,
    region: p.region === undefined ? 'NE' : p.region,
    qualifications: (p.quals ?? []).map(qual),
    spells: (p.spells ?? []).map(spell),
    claims: (p.claims ?? []).map(([a, b]) => claim(a, b)),
  };
}

function append(app: DuckDBAppender, values: DuckDBValue[]): void {
  values.forEach((v, i) => (v === null ? app.appendNull() : app.appendValue(v, app.columnType(i))));
  app.endRow();
}

const date = (day: number | null) => (day === null ? null : dateValue(day));

/** Write histories as a dataset (rows in the histories' order, so rowids follow listing order); returns its id. */
export async function loadHistories(store: Store, name: string, histories: readonly PersonHistory[]): Promise<number> {
  const c = store.connection;
  await c.run(`INSERT INTO datasets (name, imported_at, source_dir, soc_version) VALUES ($n, now()::TIMESTAMP, 'generated', '2020')`, { n: name });
  const id = Number((await c.runAndReadAll(`SELECT dataset_id FROM datasets WHERE name = $n`, { n: name })).getRowObjectsJS()[0].dataset_id);
  const tables = ['people', 'qualifications', 'occupations', 'benefits'] as const;
  const apps = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await c.createAppender(t)] as const))) as Record<(typeof tables)[number], DuckDBAppender>;
  for (const h of histories) {
    const k = h.personKey;
    append(apps.people, [id, k, `P${k}`, h.region, h.region, null]);
    for (const q of h.qualifications) append(apps.qualifications, [id, k, q.title, null, q.ssa, q.ssa, q.level, q.type, date(q.achievedOn), q.highest, null]);
    for (const s of h.spells) {
      append(apps.occupations, [id, k, s.title, s.socSubmajor, s.socSubmajor, s.socSubmajor, s.socMajor, s.employmentType, date(s.startedOn), date(s.endedOn), s.hours, s.pay, s.payPeriod, s.contract, s.exitReason]);
    }
    for (const b of h.claims) append(apps.benefits, [id, k, date(b.startedOn), date(b.endedOn)]);
  }
  for (const a of Object.values(apps)) a.closeSync();
  return id;
}

/** A store in a fresh temporary folder; `done` closes and removes it. */
export async function tempStore(): Promise<{ store: Store; done: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-prog-'));
  const store = await openStore(join(dir, 'p.duckdb'));
  return {
    store,
    done: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The two paths give the same counts: exact for counts and order statistics, sums of means to 1e-9 relative (summation order differs). */
export function assertSameCounts(sql: ProgressionCounts, core: ProgressionCounts): void {
  const strip = (c: ProgressionCounts) => ({
    ...c,
    aggregates: c.aggregates.map((g) => ({ ...g, means: Object.fromEntries(Object.entries(g.means).map(([m, s]) => [m, { n: s.n }])) })),
  });
  assert.deepEqual(strip(sql), strip(core));
  sql.aggregates.forEach((g, i) => {
    for (const [m, s] of Object.entries(g.means)) {
      const t = core.aggregates[i].means[m as keyof typeof g.means];
      for (const f of ['sum', 'sumSq'] as const) assert.ok(Math.abs(s[f] - t[f]) <= 1e-9 * Math.max(1, Math.abs(t[f])), `${m}.${f} of ${g.by}=${g.keys}: ${s[f]} vs ${t[f]}`);
    }
  });
}
