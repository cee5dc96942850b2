/**
 * Imports waiting for a keeper to confirm their change report. The uploaded
 * file is kept in a folder of its own under the system's temporary folder,
 * named by a random token, with who uploaded it; confirming re-reads and
 * re-plans it, so what is written is checked against the register as it is
 * then (any server process on the machine can confirm it).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PendingImport {
  token: string;
  /** The uploaded file, under its own (cleaned) name so its kind can be read from it. */
  path: string;
  file: string;
  actor: string;
  retireMissing: boolean;
  /** The change report the keeper was shown (a hash). */
  fingerprint?: string;
}

const ROOT = join(tmpdir(), 'routeways-register-imports');
const TOKEN = /^[0-9a-f]{32}$/;

/** A file name safe to write: its last path part, only letters, digits, dot, dash and underscore. */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return clean === '' ? 'upload' : clean.slice(0, 100);
}

export function savePending(file: string, content: Buffer, actor: string, retireMissing: boolean): PendingImport {
  const token = randomBytes(16).toString('hex');
  const dir = join(ROOT, token);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = cleanFileName(file);
  const path = join(dir, name);
  writeFileSync(path, content, { mode: 0o600 });
  const pending: PendingImport = { token, path, file: name, actor, retireMissing };
  writeFileSync(join(dir, 'pending.json'), JSON.stringify(pending));
  return pending;
}

/** The pending import of `token`, or null when there is none (or it is not a token). */
export function loadPending(token: string): PendingImport | null {
  if (!TOKEN.test(token)) return null;
  const meta = join(ROOT, token, 'pending.json');
  if (!existsSync(meta)) return null;
  return JSON.parse(readFileSync(meta, 'utf8')) as PendingImport;
}

export function dropPending(token: string): void {
  if (TOKEN.test(token)) rmSync(join(ROOT, token), { recursive: true, force: true });
}

/** Remember which change report the keeper was shown. */
export function recordPlan(pending: PendingImport, fingerprint: string): void {
  pending.fingerprint = fingerprint;
  writeFileSync(join(ROOT, pending.token, 'pending.json'), JSON.stringify(pending));
}
