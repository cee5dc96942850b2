/**
 * A demo store for the server tests: the project's demo extract imported into
 * a temporary store (closed again, so the server opens it read-only), and the
 * server listening on 127.0.0.1 on a free port.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoExtract } from '../../src/demo/generate.js';
import { importExtract } from '../../src/ingest/import.js';
import { openStore } from '../../src/store/database.js';
import { buildServer, type RoutewaysServer, type ServerOptions } from '../../src/server/app.js';

export interface DemoStore {
  dir: string;
  storePath: string;
  /** Every person_id of the extract (to check no response holds one). */
  personIds: string[];
  remove(): void;
}

export async function demoStore(people = 1500, seed = 5): Promise<DemoStore> {
  const dir = mkdtempSync(join(tmpdir(), 'routeways-server-'));
  await generateDemoExtract(join(dir, 'extract'), { seed, people });
  const storePath = join(dir, 'store.duckdb');
  const store = await openStore(storePath);
  try {
    await importExtract(store, join(dir, 'extract'), { name: 'demo' });
  } finally {
    store.close();
  }
  const personIds = readFileSync(join(dir, 'extract', 'people.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => l.split(',')[0]!);
  return { dir, storePath, personIds, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Listening {
  server: RoutewaysServer;
  base: string;
  close(): Promise<void>;
}

export async function listen(storePath: string, options: Partial<ServerOptions> = {}): Promise<Listening> {
  const server = await buildServer({ storePath, open: ['demo'], ...options });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return { server, base: url, close: () => server.close() };
}

export interface Answer {
  status: number;
  type: string;
  text: string;
  json?: unknown;
}

export async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, text, ...(type.includes('json') ? { json: JSON.parse(text) } : {}) };
}
