/**
 * `routeways serve <dir>...`: serves published sites on localhost until
 * interrupted. With `--open <dataset>[,...]` it starts the application server
 * instead: the open data API (/api/v1, docs at /api/docs) over the store,
 * opened read-only, showing only the datasets named, and the sites given
 * under /sites/<folder>/.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError, UsageError } from '../../core/errors.js';
import type { PolicyInput } from '../../core/disclosure/policy.js';
import type { QueryRulesInput } from '../../core/query/rules.js';
import { serveSite } from '../../server/static-site.js';
import { buildServer } from '../../server/app.js';
import { registerPages } from '../../server/pages/routes.js';
import { resolveDbPath } from '../../store/database.js';
import { readPTableFile } from '../../reference/ptable.js';
import { openRegister, registerTarget } from '../../store/register/open.js';
import type { RegisterStore } from '../../store/register/register-store.js';

interface ServeOptions {
  port: string;
  host: string;
  open?: string;
  db?: string;
  policy?: string;
  ptable?: string;
  permalinks?: string;
  rateLimit: string;
  connections?: string;
  register?: string;
  insecureCookies?: boolean;
}

function wholeNumber(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`${flag} must be a whole number 0-${max}, got "${text}"`);
  return n;
}

/** A policy file: the disclosure policy's settings, and the query rules under "query". */
function readPolicy(file: string): { policy: PolicyInput; rules: QueryRulesInput | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read policy file ${file}: ${(e as Error).message}`, { file });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError(`${file} must hold a JSON object`, { file });
  const { query, ...policy } = parsed as Record<string, unknown>;
  return { policy: policy as PolicyInput, rules: query as QueryRulesInput | undefined };
}

async function untilInterrupted(close: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => {
    const stop = () => {
      void close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The register the pages keep: PostgreSQL, or a DuckDB file other than the store (which the server opens read-only). */
async function openServedRegister(opts: ServeOptions): Promise<RegisterStore> {
  const target = registerTarget({ register: opts.register, db: opts.db });
  if (target.engine === 'duckdb' && target.path === resolveDbPath(opts.db)) {
    throw new UsageError('--register: the store is served read-only, so keep the register in a DuckDB file of its own (--register register.duckdb) or on PostgreSQL');
  }
  return openRegister(target);
}

async function serveApi(dirs: string[], opts: ServeOptions, port: number): Promise<void> {
  const open = opts.open!.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (open.length === 0) throw new UsageError('--open needs at least one dataset name');
  const file = opts.policy ? readPolicy(opts.policy) : undefined;
  const registerStore = opts.register !== undefined ? await openServedRegister(opts) : undefined;
  let server;
  try {
    server = await buildServer({
      storePath: resolveDbPath(opts.db),
      open,
      sites: dirs,
      ...(file ? { policy: file.policy, ...(file.rules ? { rules: file.rules } : {}) } : {}),
      ...(opts.ptable ? { ptable: readPTableFile(opts.ptable) } : {}),
      ...(opts.permalinks ? { permalinks: opts.permalinks } : {}),
      rateLimit: wholeNumber(opts.rateLimit, '--rate-limit', 1_000_000),
      warm: true,
      ...(opts.connections !== undefined ? { connections: Math.max(1, wholeNumber(opts.connections, '--connections', 64)) } : {}),
      extend: registerPages, // the explorer and the table builder (/explore, /builder)
      ...(registerStore ? { register: { store: registerStore, secureCookies: !opts.insecureCookies, ...(process.env.ROUTEWAYS_SESSION_SECRET ? { secret: process.env.ROUTEWAYS_SESSION_SECRET } : {}) } } : {}),
    });
  } catch (err) {
    await registerStore?.close();
    if (err instanceof InputError || err instanceof UsageError) throw err;
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const url = await server.app.listen({ port, host: opts.host });
  process.stdout.write(`Serving the explorer at ${url}/explore, the table builder at ${url}/builder and the API for ${open.join(', ')} at ${url}/api/v1/ (docs: ${url}/api/docs)${dirs.length > 0 ? `, sites at ${url}/sites/` : ''}${registerStore ? `, the register at ${url}/register` : ''} (Ctrl+C to stop)\n`);
  await untilInterrupted(async () => {
    await server.close();
    await registerStore?.close();
  });
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve published sites on localhost (http://127.0.0.1:<port>/); with --open, the open data API over the store as well')
    .argument('[dirs...]', 'site folders written by "routeways publish"')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <address>', 'address to listen on (keep 127.0.0.1 behind a reverse proxy)', '127.0.0.1')
    .option('--open <datasets>', 'start the API server showing these datasets (comma-separated); nothing else in the store is reachable')
    .option('--policy <file.json>', 'disclosure policy file, with the query rules under "query": {"query":{"maxCells":2000,"minPopulation":30,"excludedFields":["sex"]}}')
    .option('--ptable <file.csv>', 'the perturbation table to use (written by routeways ptable) instead of the one the policy describes')
    .option('--permalinks <dir>', 'folder where permalinks are kept (default: <store>.permalinks beside the store)')
    .option('--connections <n>', 'store connections answering API queries side by side (default: one per CPU, at most 4)')
    .option('--rate-limit <n>', 'requests per minute per client address (0: no limit)', '600')
    .option('--register <target>', 'also serve the qualifications register (pages at /register, API at /api/v1/register): a DuckDB file of its own or postgres://...; sessions are signed with $ROUTEWAYS_SESSION_SECRET (give every process the same)')
    .option('--insecure-cookies', 'send the register\'s session cookies over plain HTTP too (development on loopback only)')
    .addHelpText('after', '\nExamples:\n  routeways serve ./site --port 8080\n  routeways --db ./routeways.duckdb serve --open demo --port 8080 ./site\n  routeways --db ./routeways.duckdb serve --open demo --register ./register.duckdb')
    .action(async (dirs: string[], _local: ServeOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals() as ServeOptions;
      const port = wholeNumber(opts.port, '--port', 65535);
      if (opts.open !== undefined) return serveApi(dirs, opts, port);
      if (dirs.length !== 1) throw new UsageError('give one site folder to serve, or --open <dataset> to start the API server');
      const dir = dirs[0]!;
      let site;
      try {
        site = await serveSite(dir, { port, host: opts.host });
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
      }
      process.stdout.write(`Serving ${dir} at ${site.url} (Ctrl+C to stop)\n`);
      await untilInterrupted(() => site.close());
    });
}
