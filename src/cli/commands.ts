/**
 * Every `routeways` command, one module each in src/cli/commands/. Each module
 * exports `register(program)`; add a command by adding its module here.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

export async function loadCommands(): Promise<Register[]> {
  const modules = await Promise.all([
    // import('./commands/import.js'),
    import('./commands/clusters.js'),
  ]);
  return modules.map((m: { register: Register }) => m.register);
}
