import { normaliseKey } from './normalise.js';

/**
 * A lookup from normalised keys to codes. Keys are added in order of
 * precedence: a key already taken keeps its first code, so an official title
 * is never overridden by a looser alias. `conflicts` lists keys that were
 * offered for two different codes (the shipped data should have none).
 */
export class KeyIndex {
  private readonly map = new Map<string, string>();
  readonly conflicts: { key: string; kept: string; dropped: string }[] = [];

  add(text: string, code: string): void {
    const key = normaliseKey(text);
    if (key === '') return;
    const had = this.map.get(key);
    if (had === undefined) this.map.set(key, code);
    else if (had !== code) this.conflicts.push({ key, kept: had, dropped: code });
  }

  get(text: string): string | null {
    return this.map.get(normaliseKey(text)) ?? null;
  }

  get size(): number {
    return this.map.size;
  }
}
