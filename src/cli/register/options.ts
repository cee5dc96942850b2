/**
 * What the `register` and `users` commands share: where the register is
 * (`--register postgres://...`, else the DuckDB store of `--db`), who a local
 * command acts as, finding roles and clusters by id or name, and turning the
 * data layer's errors into the CLI's (bad input, exit code 1).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import { naturalCompare } from '../../core/natural-order.js';
import { ConflictError, InvalidRecordError, PermissionError, RecordNotFoundError } from '../../core/register/errors.js';
import { kindOfId } from '../../core/register/ids.js';
import { byName } from '../../core/register/lookup.js';
import type { Actor, Cluster, RegisterData, Role } from '../../core/register/types.js';
import { AccountError } from '../../store/register/accounts.js';
import { openRegister, registerTarget } from '../../store/register/open.js';
import type { RegisterStore } from '../../store/register/register-store.js';

export const REGISTER_OPTION_HELP = 'PostgreSQL register to use, e.g. postgres://user@host:5432/register (default: $ROUTEWAYS_REGISTER, else the DuckDB store of --db)';

export interface GlobalOptions {
  db?: string;
  register?: string;
  quiet?: boolean;
}

/**
 * A command run where the register is kept acts as an admin named after the
 * operating-system user: whoever can open the store file or holds the
 * connection string can change the register anyway, and the audit trail says who.
 */
export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No user name (some containers): the audit trail says 'cli:unknown'.
  }
  return { name: `cli:${user}`, role: 'admin' };
}

/** Open the register the command's options name, run `work`, close it; data-layer errors become InputErrors. */
export async function withRegister<T>(cmd: Command, work: (store: RegisterStore, global: GlobalOptions) => Promise<T>): Promise<T> {
  const global = cmd.optsWithGlobals() as GlobalOptions;
  const store = await openRegister(registerTarget(global));
  try {
    return await work(store, global);
  } catch (err) {
    throw asCliError(err);
  } finally {
    await store.close();
  }
}

export function asCliError(err: unknown): unknown {
  if (err instanceof ConflictError || err instanceof InvalidRecordError || err instanceof RecordNotFoundError || err instanceof PermissionError || err instanceof AccountError) {
    return new InputError(err.message);
  }
  return err;
}

/** A role by id (R3), exact name, or a part of its name that only one role has. */
export function findRole(data: RegisterData, text: string): Role {
  return findNamed(data.roles, text, 'role');
}

/** A cluster by id (C4), exact name, or a unique part of its name; within one clustering when given. */
export function findCluster(data: RegisterData, text: string, clusteringId?: string): Cluster {
  const list = clusteringId ? data.clusters.filter((c) => c.clusteringId === clusteringId) : data.clusters;
  return findNamed(list, text, 'cluster');
}

export function findClustering(data: RegisterData, text?: string): string {
  if (text === undefined) {
    const first = data.clusterings.filter((g) => g.status === 'current').sort((a, b) => naturalCompare(a.id, b.id))[0];
    if (!first) throw new InputError('the register has no clusterings; load one (routeways register demo, or register import)');
    return first.id;
  }
  return findNamed(data.clusterings, text, 'clustering').id;
}

export function findFramework(data: RegisterData, text?: string): string {
  if (text === undefined) {
    const first = data.frameworks.filter((f) => f.status === 'current').sort((a, b) => naturalCompare(a.id, b.id))[0];
    if (!first) throw new InputError('the register has no competency framework; load one (routeways register demo, or register import)');
    return first.id;
  }
  return findNamed(data.frameworks, text, 'framework').id;
}

function findNamed<T extends { id: string; name: string }>(list: readonly T[], text: string, what: string): T {
  const t = text.trim();
  if (kindOfId(t)) {
    const byId = list.find((r) => r.id === t);
    if (byId) return byId;
    throw new UsageError(`there is no ${what} ${t}`);
  }
  const lower = t.toLowerCase();
  const exact = list.filter((r) => r.name.toLowerCase() === lower);
  if (exact.length === 1) return exact[0];
  const partial = exact.length > 1 ? exact : list.filter((r) => r.name.toLowerCase().includes(lower));
  if (partial.length === 1) return partial[0];
  if (partial.length === 0) throw new UsageError(`no ${what} is called '${t}'; list them with routeways register ${what === 'role' ? 'roles' : 'roles --json'}`);
  const names = [...partial].sort((a, b) => byName(a.name, b.name)).slice(0, 8).map((r) => `${r.id} ${r.name}`);
  throw new UsageError(`'${t}' matches ${partial.length} ${what}s: ${names.join('; ')}${partial.length > 8 ? '; ...' : ''}; give the id`);
}

export function parsePositiveInt(flag: string, value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} ${value}: expected a whole number from 1`);
  return Number(value);
}

export function parseShare(flag: string, value: string): number {
  const n = Number(value);
  if (!/^[0-9.]+$/.test(value) || !(n > 0 && n <= 1)) throw new UsageError(`${flag} ${value}: expected a number above 0 and up to 1, such as 0.8`);
  return n;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
