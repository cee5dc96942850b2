/**
 * Bundles the browser code in web/ (the interactive map) into dist/web/, one
 * self-contained IIFE file per entry so published pages work from file://,
 * and copies the stylesheets in web/ (the explorer's) beside them.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
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

mkdirSync('dist/web', { recursive: true });
for (const css of existsSync(webDir) ? readdirSync(webDir).filter((f) => f.endsWith('.css')) : []) copyFileSync(join(webDir, css), join('dist/web', css));
