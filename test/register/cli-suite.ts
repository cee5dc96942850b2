/**
 * `routeways register` and `routeways users` as a user runs them, on each
 * backend: the sample and its Annexe 3, an import that shows its change report
 * and writes nothing until confirmed (or when the file is invalid), export and
 * re-import, history and restore, the queries' JSON, and adding an account
 * with the password on standard input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from './backends.js';
import { seedAnnexe3 } from './annexe3-fixture.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.js');

export function registerCliSuite(label: string, makeBackend: () => Backend, skip: string | false = false): void {
  test(`${label}: routeways register and users from the command line`, { skip }, async (t) => {
    const backend = makeBackend();
    const dir = mkdtempSync(join(tmpdir(), 'rw-register-cli-'));
    t.after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await backend.cleanup();
    });
    const { cliArgs } = await backend.fresh();
    const run = (args: string[], input?: string) => {
      const r = spawnSync(process.execPath, [MAIN, ...args, ...cliArgs], { cwd: dir, encoding: 'utf8', input: input ?? '' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const json = (args: string[]) => {
      const r = run([...args, '--json']);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };

    await t.test('demo loads the sample, and will not overwrite a register without --replace', () => {
      const r = run(['register', 'demo']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Loaded the sample register \(seed 1\) into .*: 726 qualifications \(\d+ key\), \d+ modules, 124 roles in 16 clusters of 2 clusterings/);
      const again = run(['register', 'demo']);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already holds records; add --replace/);
    });

    await t.test("annexe3 prints seed 003's table", () => {
      const r = run(['register', 'annexe3']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      for (const [cluster, role, count] of seedAnnexe3()) {
        const re = new RegExp(`^${escape(cluster)}\\s+${escape(role)}\\s+${count}(\\s|$)`);
        assert.ok(lines.some((l) => re.test(l)), `a line for ${cluster} / ${role} / ${count}`);
      }
      const table = json(['register', 'annexe3']);
      assert.equal(table.total, 726);
    });

    await t.test('the queries answer in JSON', () => {
      const cov = json(['register', 'coverage', '--cluster', 'Sport']);
      assert.equal(cov.target.name, 'Sport');
      assert.equal(cov.areas.length, 6);
      assert.ok(cov.gaps.includes('A5'));
      const gaps = json(['register', 'gaps', '--clustering', 'G1']);
      assert.ok(gaps.some((g: { target: { name: string } }) => g.target.name === 'Sport'));
      const cmp = json(['register', 'compare', '--clusters', 'Sport,Health']);
      assert.deepEqual(cmp.rows.map((r: { target: { name: string } }) => r.target.name), ['Sport', 'Health']);
      const over = json(['register', 'overprovision', '--role', 'Hospital Play worker']);
      assert.ok(over.crowdedAreas.length > 0 && over.nearDuplicates.every((d: { similarity: number; sameTitle: boolean }) => d.similarity >= 0.8 || d.sameTitle));
      const found = json(['register', 'search', 'Playwork']);
      assert.ok(found.length > 0);
      const ambiguous = run(['register', 'coverage', '--role', 'Social Worker ']);
      assert.equal(ambiguous.code, 0, ambiguous.stderr); // the exact name wins over longer ones
      const unknown = run(['register', 'coverage', '--role', 'Astronaut']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /no role is called 'Astronaut'/);
    });

    await t.test('an import shows its change report and writes nothing without --yes, nor when the file is invalid', () => {
      const before = json(['register', 'show', 'Q1']);
      writeFileSync(join(dir, 'qualifications.csv'), `id,title,level\nQ1,${before.title} (revised),${before.level}\n,A New Award in Care,2\n`);
      const declined = run(['register', 'import', 'qualifications.csv']);
      assert.equal(declined.code, 0, declined.stderr);
      assert.match(declined.stdout, /qualifications\s+1\s+1\s+0\s+0/);
      assert.match(declined.stdout, /New:\n {2}Q727 \(new id\) A New Award in Care \(qualifications\.csv:3\)/);
      assert.match(declined.stdout, /Changed:\n {2}Q1 .* \(qualifications\.csv:2\)\n {6}title '.*' -> '.* \(revised\)'/);
      assert.match(declined.stdout, /Nothing was written\. Run again with --yes/);
      assert.equal(json(['register', 'show', 'Q1']).version, before.version);
      assert.notEqual(run(['register', 'show', 'Q727']).code, 0);

      writeFileSync(join(dir, 'bad.csv'), `id,title,level,learning_hours\nQ1,Fine,3,100\nQ2,Also fine,9,lots\n`);
      const invalid = run(['register', 'import', 'bad.csv', '--kind', 'qualification', '--yes']);
      assert.equal(invalid.code, 1);
      assert.match(invalid.stderr, /2 problems in the file; nothing was imported:/);
      assert.match(invalid.stderr, /bad\.csv:3:3: field 'level' value '9': is not a level; expected Entry or a level from 1 to 8/);
      assert.match(invalid.stderr, /bad\.csv:3:4: field 'learning_hours' value 'lots': is not a number; expected a whole number of hours/);
      assert.equal(json(['register', 'show', 'Q1']).version, before.version);

      const applied = json(['register', 'import', 'qualifications.csv', '--yes']);
      assert.equal(applied.applied, true);
      assert.equal(json(['register', 'show', 'Q1']).version, before.version + 1);
      assert.equal(json(['register', 'show', 'Q727']).title, 'A New Award in Care');
    });

    await t.test('history and restore bring back an earlier version', () => {
      const history = json(['register', 'history', 'Q1']);
      assert.deepEqual(history.map((c: { action: string }) => c.action), ['create', 'import']);
      const text = run(['register', 'history', 'Q1']);
      assert.match(text.stdout, /version 2 .* import by cli:\S+ {2}\(import of qualifications\.csv\)\n {2}title '.*' -> '.*\(revised\)'/);
      const restored = json(['register', 'restore', 'Q1', '--version', '1']);
      assert.equal(restored.version, 3);
      assert.doesNotMatch(restored.title, /revised/);
    });

    await t.test('an export imports back with nothing to change', () => {
      const out = run(['register', 'export', '--out', 'register.json']);
      assert.equal(out.code, 0, out.stderr);
      const again = run(['register', 'import', 'register.json']);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /Nothing to change/);
    });

    await t.test('users add reads the password from standard input, never an argument', () => {
      const added = run(['users', 'add', 'alice', '--role', 'editor'], 'a good long password\n');
      assert.equal(added.code, 0, added.stderr);
      assert.match(added.stdout, /Added editor account 'alice'/);
      const short = run(['users', 'add', 'bob', '--role', 'viewer'], 'short\n');
      assert.equal(short.code, 1);
      assert.match(short.stderr, /the password is too short/);
      const badRole = run(['users', 'add', 'carol', '--role', 'owner'], 'a good long password\n');
      assert.equal(badRole.code, 2);
      const list = json(['users', 'list']);
      assert.deepEqual(list.map((a: { name: string; role: string }) => [a.name, a.role]), [['alice', 'editor']]);
      assert.ok(!JSON.stringify(list).includes('password'));
    });
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
