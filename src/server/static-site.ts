/**
 * Serves a published site folder on localhost (sirv on node:http), for people
 * who prefer a URL to opening files. Binds to 127.0.0.1 only: a published
 * site is meant to be copied to a real web server, not exposed from here.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

export interface RunningSite {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts serving `dir`; port 0 picks a free port. */
export async function serveSite(dir: string, options: { port?: number; host?: string } = {}): Promise<RunningSite> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: is it a site made by "routeways publish"?`);
  const host = options.host ?? '127.0.0.1';
  const assets = sirv(dir, {
    dev: true, // no caching: a site may be republished while served
    etag: true,
    extensions: ['html'],
    onNoMatch: (_req, res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Not found');
    },
  });
  const server = createServer((req, res) => assets(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  return {
    url: `http://${host}:${port}/`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
