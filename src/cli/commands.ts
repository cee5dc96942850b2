/**
 * Every `routeways` command, one module each in src/cli/commands/. Each module
 * exports `register(program)`; add a command by adding its module here.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

export async function loadCommands(): Promise<Register[]> {
  const modules = await Promise.all([
    import('./commands/import.js'),
    import('./commands/import-counts.js'),
    import('./commands/sql.js'),
    import('./commands/demo.js'),
    import('./commands/datasets.js'),
    import('./commands/describe.js'),
    import('./commands/delete.js'),
    import('./commands/clusters.js'),
    import('./commands/pathways.js'),
    import('./commands/progression.js'),
    import('./commands/protect.js'),
    import('./commands/mapping.js'),
    import('./commands/serve.js'),
    import('./commands/publish.js'),
    import('./commands/run.js'),
    import('./commands/ptable.js'),
    import('./commands/code.js'),
    import('./commands/register.js'),
    import('./commands/users.js'),
  ]);
  return modules.map((m: { register: Register }) => m.register);
}
