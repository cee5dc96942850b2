#!/usr/bin/env node
/**
 * The `routeways` command. Thin: parses options and hands over to the layers.
 * Exit codes: 0 success, 1 bad input, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { InputError, UsageError, formatLocation } from '../core/errors.js';
import { loadCommands } from './commands.js';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

// Output piped into a reader that stops early (`routeways datasets | head`): stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT_OK);
    throw err;
  });
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('routeways')
    .description('Where qualifications lead: safe statistics from qualification and occupation records.')
    .option('--db <file>', 'DuckDB store to use (default: $ROUTEWAYS_DB or ./routeways.duckdb)')
    .option('-q, --quiet', 'print nothing but errors and requested output')
    .exitOverride()
    .showHelpAfterError();
  for (const register of await loadCommands(argv)) register(program);
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (err) {
    return report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof CommanderError) {
    // Help and version output end here too, with exit code 0.
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`routeways: ${err.message}\n`);
    return EXIT_USAGE;
  }
  if (err instanceof InputError) {
    const where = err.location ? `${formatLocation(err.location)}: ` : '';
    process.stderr.write(`routeways: ${where}${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  process.stderr.write(`routeways: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 70;
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
