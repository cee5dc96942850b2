/**
 * Builds the evaluation set test/fixtures/coding/evaluation.csv (see
 * docs/coding-evaluation.md for how and why):
 * - handwritten.txt: job titles written by hand in case-system and job-advert
 *   style, with gold SOC 2020 codes assigned by hand from the ONS coding
 *   rules (index entry, qualifiers, default entries);
 * - ambiguous.txt: titles that cannot be coded without more context;
 * - 160 index titles, sampled (seed 2020) from entries that code one way
 *   whatever the context, damaged by scripts/coding/damage.ts.
 * Each row gets a split (seed 12): 40% train (calibration is fitted on it),
 * 60% test (reported, never tuned on).
 *
 *   npm run build && node dist/scripts/coding/build-evaluation.js
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../src/core/random.js';
import { readSocCodingData } from '../../src/reference/coding-index.js';
import { damageableEntries, damageTitle } from './damage.js';

const DIR = 'test/fixtures/coding';
const DAMAGED = 160;
const TRAIN_SHARE = 0.4;

const NEEDS_QUOTES = /[",\r\n]/;
const field = (v: string) => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const lines = (file: string) =>
  readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const data = readSocCodingData();
const units = new Set(data.unitGroups.map((u) => u.code));
const rows: { title: string; soc: string; kind: string; source: string; entry: string }[] = [];
for (const l of lines('handwritten.txt')) {
  const [title, soc] = l.split('|');
  if (!units.has(soc)) throw new Error(`handwritten.txt: '${title}': ${soc} is not a SOC 2020 unit group`);
  rows.push({ title, soc, kind: 'clear', source: 'handwritten', entry: '' });
}
for (const title of lines('ambiguous.txt')) rows.push({ title, soc: '', kind: 'ambiguous', source: 'handwritten', entry: '' });

const rng = new Random(2020);
const pool = damageableEntries(data.entries);
const seen = new Set(rows.map((r) => r.title.toLowerCase()));
while (rows.filter((r) => r.source === 'damaged-index').length < DAMAGED) {
  const e = pool[rng.nextInt(pool.length)];
  const title = damageTitle(e, rng);
  if (seen.has(title.toLowerCase())) continue;
  seen.add(title.toLowerCase());
  rows.push({ title, soc: e.soc, kind: 'clear', source: 'damaged-index', entry: e.indexocc });
}

const split = new Random(12);
const out = ['title,soc2020,kind,source,split,index_entry'];
for (const r of rows) out.push([r.title, r.soc, r.kind, r.source, split.nextFloat() < TRAIN_SHARE ? 'train' : 'test', r.entry].map(field).join(','));
writeFileSync(join(DIR, 'evaluation.csv'), out.join('\n') + '\n');
const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
process.stdout.write(`${join(DIR, 'evaluation.csv')}: ${rows.length} titles (${count((r) => r.kind === 'clear' && r.source === 'handwritten')} handwritten clear, ${count((r) => r.kind === 'ambiguous')} ambiguous, ${count((r) => r.source === 'damaged-index')} damaged index titles)\n`);
