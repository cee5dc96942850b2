/**
 * Bundles the browser code in web/ (the interactive map) into dist/web/, one
 * self-contained IIFE file per entry so published pages work from file://.
 */
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const webDir = 'web';
const entries = existsSync(webDir)
  ? readdirSync(webDir).filter((f) => /\.entry\.ts$/.test(f)).map((f) => join(webDir, f))
  : [];

if (entries.length > 0) {
  await build({
    entryPoints: entries,
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2020',
    outdir: 'dist/web',
    entryNames: '[name]',
    logLevel: 'warning',
    legalComments: 'inline',
  });
}
