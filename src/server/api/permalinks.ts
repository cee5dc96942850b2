/**
 * Permalinks: a query with its answer, kept in a folder of JSON files beside
 * the store (`<store>.permalinks/<id>.json`), never in the store, which the
 * server opens read-only. The id is the first 16 hex digits of the SHA-256
 * of the dataset, its version and the query, so the same query gets the same
 * link from any process, writes are atomic (temporary file, then rename) and
 * several processes can share the folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Permalink, QueryAnswer } from './types.js';

const ID = /^[0-9a-f]{16}$/;

export class PermalinkStore {
  constructor(readonly dir: string) {}

  /** Keep an answer; returns the permalink (the same one for the same dataset version and query). */
  save(answer: QueryAnswer): Permalink {
    const id = createHash('sha256').update(JSON.stringify([answer.dataset, answer.version, answer.query])).digest('hex').slice(0, 16);
    const existing = this.get(id);
    if (existing) return existing;
    const link: Permalink = { id, dataset: answer.dataset, version: answer.version, createdAt: new Date().toISOString(), answer };
    mkdirSync(this.dir, { recursive: true });
    const tmp = join(this.dir, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(tmp, JSON.stringify(link));
    renameSync(tmp, join(this.dir, `${id}.json`));
    return link;
  }

  /** The permalink with this id, or undefined (ids are checked: no path reaches outside the folder). */
  get(id: string): Permalink | undefined {
    if (!ID.test(id)) return undefined;
    try {
      return JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8')) as Permalink;
    } catch {
      return undefined;
    }
  }
}
