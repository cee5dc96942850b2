/**
 * The explorer's static files: govuk-frontend's stylesheet, fonts and images,
 * and the explorer's own script and stylesheet (bundled from web/ into
 * dist/web). A fixed list read into memory at start-up, so a request path is
 * only ever a key in a map: nothing under /assets/ can reach another file.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

export const ASSETS_PREFIX = '/assets/';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/manifest+json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

interface Asset {
  body: Buffer;
  type: string;
}

/** govuk-frontend's dist/govuk folder, found through Node's resolver. */
function govukDir(): string {
  const pkg = createRequire(import.meta.url).resolve('govuk-frontend/package.json');
  return join(dirname(pkg), 'dist', 'govuk');
}

/** dist/web, where scripts/build-web.ts writes the explorer bundle. */
export function webDir(): string {
  return fileURLToPath(new URL('../../../web/', import.meta.url));
}

function add(into: Map<string, Asset>, name: string, file: string): void {
  const type = TYPES[extname(file)];
  if (!type) throw new Error(`no content type for asset ${file}`);
  into.set(name, { body: readFileSync(file), type });
}

/** Every asset by its path under /assets/ (e.g. "fonts/bold-….woff2"). */
export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const govuk = govukDir();
  add(assets, 'govuk-frontend.min.css', join(govuk, 'govuk-frontend.min.css'));
  add(assets, 'manifest.json', join(govuk, 'assets', 'manifest.json'));
  for (const folder of ['fonts', 'images']) {
    for (const f of readdirSync(join(govuk, 'assets', folder))) add(assets, `${folder}/${f}`, join(govuk, 'assets', folder, f));
  }
  const web = webDir();
  for (const f of ['explorer.entry.js', 'explorer.css']) {
    const file = join(web, f);
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" (scripts/build-web.ts bundles web/)`);
    add(assets, f.replace('.entry', ''), file);
  }
  return assets;
}

/** GET /assets/<name>: long caching for the fingerprinted fonts, a short one for the rest. */
export function registerAssets(app: FastifyInstance): void {
  const assets = loadAssets();
  app.get<{ Params: { '*': string } }>(`${ASSETS_PREFIX}*`, async (request, reply) => {
    const asset = assets.get(request.params['*']);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    const immutable = request.params['*'].startsWith('fonts/');
    return reply
      .type(asset.type)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  });
}
