/**
 * What each account role may do. Checked by the data layer on every write, so
 * the CLI, the API and the web pages cannot forget it.
 */
import { PermissionError } from './errors.js';
import type { AccountRole, Actor } from './types.js';

export type Permission = 'read' | 'write' | 'manage accounts' | 'replace the register';

const GRANTS: { readonly [R in AccountRole]: readonly Permission[] } = {
  viewer: ['read'],
  editor: ['read', 'write'],
  admin: ['read', 'write', 'manage accounts', 'replace the register'],
};

export function can(role: AccountRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

const WORDS: { readonly [P in Permission]: string } = {
  read: 'read the register',
  write: 'change the register',
  'manage accounts': 'manage accounts',
  'replace the register': 'replace the whole register',
};

/** Throw PermissionError unless `actor` may do `permission`. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new PermissionError(actor.name, actor.role, WORDS[permission]);
}
