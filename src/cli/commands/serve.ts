/**
 * `routeways serve <dir> [--port n]`: serves a published site on localhost
 * until interrupted.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { serveSite } from '../../server/static-site.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve a published site on localhost (http://127.0.0.1:<port>/)')
    .argument('<dir>', 'site folder written by "routeways publish"')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .action(async (dir: string, opts: { port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number 0-65535, got "${opts.port}"`);
      let site;
      try {
        site = await serveSite(dir, { port });
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
      }
      process.stdout.write(`Serving ${dir} at ${site.url} (Ctrl+C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          void site.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
