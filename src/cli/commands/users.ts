/**
 * `routeways users add <name> --role editor` and `routeways users list`:
 * accounts of the register's keepers. The password is typed at a prompt that
 * does not echo it (asked twice), or read from the first line of standard
 * input when that is not a terminal; never from an argument, which other users
 * of the machine could see.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { ACCOUNT_ROLES, type AccountRole } from '../../core/register/types.js';
import { addAccount, listAccounts, MIN_PASSWORD } from '../../store/register/accounts.js';
import { REGISTER_OPTION_HELP, cliActor, printJson, withRegister } from '../register/options.js';
import { table } from '../register/format.js';
import { readPassword } from '../register/password.js';

export function register(program: Command): void {
  const users = program.command('users').description("accounts of the register's keepers (viewer, editor, admin)").option('--register <url>', REGISTER_OPTION_HELP);
  users
    .command('add')
    .description(`add an account; the password (at least ${MIN_PASSWORD} characters) is asked for, or read from standard input`)
    .argument('<name>', 'account name: letters, digits, . _ @ -')
    .requiredOption('--role <role>', `one of ${ACCOUNT_ROLES.join(', ')}`)
    .option('--json', 'print the account as JSON')
    .addHelpText('after', `\nExample:\n  routeways users add alice --role editor\n  printf '%s\\n' "$PASSWORD" | routeways users add bot --role viewer`)
    .action(async (name: string, opts: { role: string; json?: boolean }, cmd: Command) => {
      if (!ACCOUNT_ROLES.includes(opts.role as AccountRole)) throw new UsageError(`--role ${opts.role}: expected one of ${ACCOUNT_ROLES.join(', ')}`);
      const password = await readPassword(`Password for ${name}: `);
      await withRegister(cmd, async (store, global) => {
        const account = await addAccount(store, cliActor(), name, opts.role as AccountRole, password);
        if (opts.json) return printJson(account);
        if (!global.quiet) process.stdout.write(`Added ${account.role} account '${account.name}' to the register in ${store.where}.\n`);
      });
    });
  users
    .command('list')
    .description('list the accounts (never their passwords)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withRegister(cmd, async (store) => {
        const list = await listAccounts(store);
        if (opts.json) return printJson(list);
        const rows = list.map((a) => [a.name, a.role, a.createdAt.slice(0, 19).replace('T', ' '), a.createdBy, a.disabled ? 'disabled' : '']);
        process.stdout.write(table(['Name', 'Role', 'Created (UTC)', 'By', ''], rows));
      });
    });
}
