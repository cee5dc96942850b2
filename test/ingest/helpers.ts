/** Shared by the import tests: write small extracts, snapshot a store, run the built CLI. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, queryRows } from '../../src/store/database.js';

export const GOOD: Record<string, string> = {
  'people.csv': 'person_id,region,age_band,custody\nP1,North East,18-24,yes\nP2,London,25-34,no\nP3,YH,25-34,no\nP4,Narnia,35+,yes\nP5,,18-24,\n',
  'qualifications.csv':
    'person_id,qualification,ssa,level,type,highest\n' +
    'P1,Fork Lift Truck,Construction,2,classroom,true\n' +
    'P1,CSCS card,5,1,classroom,false\n' +
    'P2,"Food Hygiene, Level 2",Retail and Commercial Enterprise,2,apprenticeship,true\n' +
    'P3,FLT,4,Level 2,Classroom,yes\n' +
    'P9,Orphan cert,4,2,classroom,true\n',
  'occupations.csv':
    'person_id,occupation,soc,employment_type\nP1,Forklift driver,8222,full-time\nP2,Kitchen porter,9272,part-time\nP4,Labourer,9120,training\nP8,Ghost,9120,full time\n',
};

export function tempDir(prefix = 'routeways-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write an extract folder; `files` maps file name to content (string or raw bytes). */
export function writeExtract(dir: string, files: Record<string, string | Buffer>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Every row of every table, sorted: equal snapshots mean an unchanged store. */
export async function snapshot(db: string): Promise<string> {
  const store = await openStore(db);
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of ['meta', 'datasets', 'source_files', 'people', 'characteristics', 'qualifications', 'occupations', 'benefits', 'mappings', 'mapping_rows']) {
      const rows = await queryRows(store.connection, `SELECT * FROM ${t}`);
      out[t] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();
    }
    return JSON.stringify(out);
  } finally {
    store.close();
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = join(root, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
