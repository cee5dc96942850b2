/**
 * Accounts of the register's keepers, stored in the register: a name, a role
 * (viewer, editor, admin) and an argon2id hash of the password
 * (@node-rs/argon2 with its defaults: 19 MiB, 2 passes, OWASP's minimum). A
 * password is never stored, printed or logged.
 */
import { hash, verify } from '@node-rs/argon2';
import { requirePermission } from '../../core/register/permissions.js';
import { ACCOUNT_ROLES, type AccountRole, type Actor } from '../../core/register/types.js';
import type { RegisterStore } from './register-store.js';

export interface Account {
  name: string;
  role: AccountRole;
  createdAt: string;
  createdBy: string;
  disabled: boolean;
}

export class AccountError extends Error {
  override name = 'AccountError';
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const MIN_PASSWORD = 10;

export function checkAccountName(name: string): void {
  if (!NAME.test(name)) throw new AccountError(`account name '${name}' is not valid; expected 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit`);
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw new AccountError(`the password is too short; expected at least ${MIN_PASSWORD} characters`);
  if (password.length > 1000) throw new AccountError('the password is longer than 1,000 characters');
}

export async function addAccount(store: RegisterStore, actor: Actor, name: string, role: AccountRole, password: string): Promise<Account> {
  requirePermission(actor, 'manage accounts');
  checkAccountName(name);
  if (!ACCOUNT_ROLES.includes(role)) throw new AccountError(`role '${role}' is not one of ${ACCOUNT_ROLES.join(', ')}`);
  checkPassword(password);
  const passwordHash = await hash(password);
  const account: Account = { name, role, createdAt: new Date().toISOString(), createdBy: actor.name, disabled: false };
  await store.transaction(async (tx) => {
    const existing = await tx.selectFrom('register_accounts').select('name').where('name', '=', name).executeTakeFirst();
    if (existing) throw new AccountError(`there is already an account '${name}'`);
    await tx
      .insertInto('register_accounts')
      .values({ name, role, password_hash: passwordHash, created_at: account.createdAt, created_by: actor.name, disabled: false, version: 1 })
      .execute();
  });
  return account;
}

export async function listAccounts(store: RegisterStore): Promise<Account[]> {
  const rows = await store.db.selectFrom('register_accounts').select(['name', 'role', 'created_at', 'created_by', 'disabled']).orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, role: r.role as AccountRole, createdAt: r.created_at, createdBy: r.created_by, disabled: Boolean(r.disabled) }));
}

// Checked when the account does not exist, so that a wrong name takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** The actor for a name and password, or null when they do not match an enabled account. */
export async function verifyLogin(store: RegisterStore, name: string, password: string): Promise<Actor | null> {
  const row = await store.db.selectFrom('register_accounts').select(['name', 'role', 'password_hash', 'disabled']).where('name', '=', name).executeTakeFirst();
  if (!row) {
    dummyHash ??= hash('not a password of anyone');
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const good = await verify(row.password_hash, password).catch(() => false);
  return good && !row.disabled ? { name: row.name, role: row.role as AccountRole } : null;
}

/** Change an account's role or disable it (admins only). */
export async function updateAccount(store: RegisterStore, actor: Actor, name: string, change: { role?: AccountRole; disabled?: boolean }): Promise<void> {
  requirePermission(actor, 'manage accounts');
  const result = await store.db
    .updateTable('register_accounts')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AccountError(`there is no account '${name}'`);
}
