/**
 * Every `routeways` command, one module each in src/cli/commands/. Each module
 * exports `register(program)`; add a command by adding its module here.
 *
 * Only the module of the command asked for is loaded: each pulls in its
 * layers (the server's Fastify, the clusters' worker pool, the register's
 * Kysely...), and loading them all took half a second before any work began.
 * Help without a command, and a name that is no command, load them all.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;
type Loader = () => Promise<{ register: Register }>;

const run: Loader = () => import('./commands/run.js');
const MODULES: Readonly<Record<string, Loader>> = {
  import: () => import('./commands/import.js'),
  'import-counts': () => import('./commands/import-counts.js'),
  sql: () => import('./commands/sql.js'),
  demo: () => import('./commands/demo.js'),
  datasets: () => import('./commands/datasets.js'),
  describe: () => import('./commands/describe.js'),
  delete: () => import('./commands/delete.js'),
  clusters: () => import('./commands/clusters.js'),
  pathways: () => import('./commands/pathways.js'),
  progression: () => import('./commands/progression.js'),
  protect: () => import('./commands/protect.js'),
  mapping: () => import('./commands/mapping.js'),
  serve: () => import('./commands/serve.js'),
  publish: () => import('./commands/publish.js'),
  run,
  main: run,
  ptable: () => import('./commands/ptable.js'),
  code: () => import('./commands/code.js'),
  register: () => import('./commands/register.js'),
  users: () => import('./commands/users.js'),
};

/** The command named in `argv` (process.argv): the first word that is neither an option nor the value of --db. */
export function commandName(argv: readonly string[]): string | undefined {
  const words = argv.slice(2);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--db') i++;
    else if (!w.startsWith('-')) return w;
  }
  return undefined;
}

export async function loadCommands(argv: readonly string[] = []): Promise<Register[]> {
  const name = commandName(argv);
  const one = name !== undefined && Object.hasOwn(MODULES, name) ? MODULES[name] : undefined;
  const loaders = one ? [one] : [...new Set(Object.values(MODULES))];
  const modules = await Promise.all(loaders.map((load) => load()));
  return modules.map((m) => m.register);
}
