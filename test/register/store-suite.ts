/**
 * The register's data layer, tested the same way on each backend (DuckDB and
 * PostgreSQL): loading, versioned saves and conflicts, concurrent editors,
 * the audit trail and restore, permissions, accounts, bulk import and the
 * export round trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planImport } from '../../src/core/register/change-report.js';
import { ConflictError, InvalidRecordError, PermissionError } from '../../src/core/register/errors.js';
import { formatImportProblem } from '../../src/core/register/incoming.js';
import { annexe3 } from '../../src/core/register/queries/annexe3.js';
import { sampleRegister } from '../../src/core/register/sample/generate.js';
import type { Actor, Qualification, RegisterData } from '../../src/core/register/types.js';
import { readRegisterImport, writeRegisterExport } from '../../src/ingest/register/files.js';
import { addAccount, listAccounts, verifyLogin } from '../../src/store/register/accounts.js';
import type { RegisterStore } from '../../src/store/register/register-store.js';
import { annexe3Rows, seedAnnexe3 } from './annexe3-fixture.js';
import type { Backend } from './backends.js';
import { handRegister } from './hand-register.js';

const admin: Actor = { name: 'ada', role: 'admin' };
const editor: Actor = { name: 'eve', role: 'editor' };
const editor2: Actor = { name: 'ed', role: 'editor' };
const viewer: Actor = { name: 'vic', role: 'viewer' };

/** Versions aside, two registers hold the same records. */
function withoutVersions(data: RegisterData): unknown {
  return JSON.parse(JSON.stringify(data, (k, v) => (k === 'version' ? undefined : v)));
}

export function registerStoreSuite(label: string, makeBackend: () => Backend, skip: string | false = false): void {
  let backend: Backend | undefined;
  const get = () => (backend ??= makeBackend());
  const opened: RegisterStore[] = [];
  const freshStore = async (data: RegisterData | null = handRegister()) => {
    const f = await get().fresh();
    const store = await f.open();
    opened.push(store);
    if (data) await store.replaceAll(admin, data, 'test data');
    return { store, ...f };
  };
  const t = (name: string, fn: () => Promise<void>) => test(`${label}: ${name}`, { skip }, fn);

  t('a new register opens empty at the current schema, and opens again unchanged', async () => {
    const f = await get().fresh();
    const first = await f.open();
    assert.equal(await first.isEmpty(), true);
    await first.create(admin, 'framework', { name: 'Core', notes: null });
    await first.close();
    const again = await f.open();
    opened.push(again);
    assert.equal(await again.isEmpty(), false);
    assert.equal((await again.get('F1')).version, 1);
  });

  t("the sample register is stored whole and its Annexe 3 table is the seed's", async () => {
    const { store } = await freshStore(sampleRegister(1));
    const loaded = await store.load();
    assert.deepEqual(withoutVersions(loaded), withoutVersions(sampleRegister(1)));
    assert.deepEqual(annexe3Rows(annexe3(loaded, 'G1')), seedAnnexe3());
    const hits = await store.search('pre-school');
    assert.ok(hits.length > 0 && hits.every((h) => /pre-school/i.test(h.title)));
    assert.deepEqual(await store.search('%'), []);
  });

  t('a save makes the next version; saving over a newer version is refused and shows what changed', async () => {
    const { store } = await freshStore();
    const opened1 = (await store.get('Q1')) as Qualification;
    const saved = await store.save(editor, { ...opened1, title: 'Certificate in Care (2025)', learningHours: 150 });
    assert.equal(saved.version, 2);
    const stale = { ...opened1, level: 3 };
    await assert.rejects(
      () => store.save(editor2, stale),
      (err: unknown) => {
        assert.ok(err instanceof ConflictError);
        assert.equal(err.expectedVersion, 1);
        assert.equal(err.currentVersion, 2);
        assert.equal(err.changedBy, 'eve');
        assert.deepEqual(err.changes.map((c) => c.field), ['title', 'learningHours']);
        assert.match(err.message, /Q1 was changed by eve .* \(you edited version 1; it is now version 2\): title 'Certificate in Care' -> 'Certificate in Care \(2025\)'; learningHours 120 -> 150\. Nothing was saved/);
        return true;
      },
    );
    assert.equal(((await store.get('Q1')) as Qualification).level, 2);
    // Saving without a change writes no new version.
    assert.equal((await store.save(editor, await store.get('Q1'))).version, 2);
  });

  t('two editors saving the same version at once: one is refused, and nothing is lost', async () => {
    const { store } = await freshStore();
    const base = (await store.get('Q2')) as Qualification;
    const results = await Promise.allSettled([
      store.save(editor, { ...base, notes: 'from eve' }),
      store.save(editor2, { ...base, awardingBody: 'NCFE' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0].reason instanceof ConflictError, String(lost[0].reason));
    const loserWasEve = results[0].status === 'rejected';
    // The loser reloads, makes the change again, and saves: both changes are kept.
    const now = (await store.get('Q2')) as Qualification;
    assert.equal(now.version, 2);
    await store.save(loserWasEve ? editor : editor2, loserWasEve ? { ...now, notes: 'from eve' } : { ...now, awardingBody: 'NCFE' });
    const final = (await store.get('Q2')) as Qualification;
    assert.equal(final.version, 3);
    assert.equal(final.notes, 'from eve');
    assert.equal(final.awardingBody, 'NCFE');
    assert.deepEqual((await store.history('Q2')).map((c) => c.version), [1, 2, 3]);
  });

  t('editors creating records at the same time each get their own id', async () => {
    const { store } = await freshStore();
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => store.create(i % 2 ? editor : editor2, 'role', { name: `Role ${i}`, notes: null, qualifications: [] })));
    assert.deepEqual(made.map((r) => r.id).sort(), ['R10', 'R11', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']);
  });

  t('every change is in the audit trail, and any earlier version can be restored', async () => {
    const { store } = await freshStore();
    const v1 = (await store.get('Q5')) as Qualification;
    const v2 = await store.save(editor, { ...v1, title: 'Award in Care Practice' });
    const v3 = await store.save(editor2, { ...(v2 as Qualification), parts: [{ id: 'M1', mandatory: true }] });
    await store.retire(editor, 'Q5', v3.version, 'replaced by Q2');
    const history = await store.history('Q5');
    assert.deepEqual(history.map((c) => [c.version, c.action, c.actor]), [[1, 'create', 'ada'], [2, 'update', 'eve'], [3, 'update', 'ed'], [4, 'retire', 'eve']]);
    assert.equal(history[3].note, 'replaced by Q2');
    assert.equal((history[2].before as Qualification).parts.length, 3);
    assert.deepEqual((history[2].after as Qualification).parts, [{ id: 'M1', mandatory: true }]);
    assert.match(history[1].at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const restored = await store.restore(editor, 'Q5', 1);
    assert.equal(restored.version, 5);
    assert.deepEqual({ ...restored, version: 1 }, v1);
    const last = (await store.history('Q5'))[4];
    assert.deepEqual([last.action, last.note], ['restore', 'restored version 1']);
    await assert.rejects(() => store.restore(editor, 'Q5', 9), /Q5 has no version 9 \(it has versions 1 to 5\)/);
    await assert.rejects(() => store.restore(editor, 'Q5', 2, 4), ConflictError);
  });

  t('a viewer cannot write, an editor cannot manage accounts or replace the register; nothing is written', async () => {
    const { store } = await freshStore();
    const q = await store.get('Q1');
    const attempts: [string, () => Promise<unknown>][] = [
      ['save', () => store.save(viewer, { ...q, title: 'x' } as Qualification)],
      ['create', () => store.create(viewer, 'role', { name: 'x', notes: null, qualifications: [] })],
      ['retire', () => store.retire(viewer, 'Q1', 1)],
      ['restore', () => store.restore(viewer, 'Q1', 1)],
      ['import', () => store.applyImport(viewer, { entries: [], counts: {}, unchanged: 0 }, 'x')],
      ['replace', () => store.replaceAll(editor, handRegister(), 'x')],
      ['add account', () => addAccount(store, editor, 'newbie', 'viewer', 'a long password')],
    ];
    for (const [what, attempt] of attempts) await assert.rejects(attempt, PermissionError, what);
    await assert.rejects(() => store.save(viewer, q), /vic \(viewer\) may not change the register; an editor or admin account can/);
    assert.equal((await store.get('Q1')).version, 1);
    assert.equal((await store.history('Q1')).length, 1);
    assert.equal((await store.get('R3')).version, 1);
    assert.deepEqual(await listAccounts(store), []);
  });

  t('saves that break the rules are refused with the field and reason', async () => {
    const { store } = await freshStore();
    const q7 = (await store.get('Q7')) as Qualification;
    await assert.rejects(() => store.save(editor, { ...q7, prerequisites: ['Q3'] }), (err: unknown) => {
      assert.ok(err instanceof InvalidRecordError);
      assert.match(err.message, /^Q7 was not saved: prerequisites: the prerequisites form a cycle: Q7 requires Q3 requires Q1 requires Q7/);
      return true;
    });
    await assert.rejects(() => store.save(editor, { ...q7, parts: [{ id: 'M77', mandatory: true }] }), /Q7 was not saved: parts\[0\]\.id: M77 is not in the register/);
    await assert.rejects(() => store.save(editor, { ...q7, level: 12 }), /Q7 was not saved: level: expected a level from 1 to 8, or 0 for Entry/);
    assert.equal((await store.get('Q7')).version, 1);
  });

  t('accounts keep an argon2id hash, never the password, and log in only with it', async () => {
    const { store } = await freshStore(null);
    await addAccount(store, admin, 'alice', 'editor', 'correct horse battery');
    await assert.rejects(() => addAccount(store, admin, 'alice', 'viewer', 'another password'), /there is already an account 'alice'/);
    await assert.rejects(() => addAccount(store, admin, 'bob', 'viewer', 'short'), /too short; expected at least 10 characters/);
    const row = await store.db.selectFrom('register_accounts').selectAll().where('name', '=', 'alice').executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    assert.ok(!row.password_hash.includes('correct horse'));
    assert.deepEqual(await verifyLogin(store, 'alice', 'correct horse battery'), { name: 'alice', role: 'editor' });
    assert.equal(await verifyLogin(store, 'alice', 'wrong horse battery'), null);
    assert.equal(await verifyLogin(store, 'mallory', 'correct horse battery'), null);
    assert.deepEqual((await listAccounts(store)).map((a) => [a.name, a.role, a.createdBy]), [['alice', 'editor', 'ada']]);
  });

  t('a bulk import writes exactly its change report, and a stale report is refused whole', async () => {
    const { store } = await freshStore();
    const dir = mkdtempSync(join(tmpdir(), 'rw-reg-import-'));
    try {
      const file = join(dir, 'qualifications.csv');
      writeFileSync(file, 'id,title,level,status\nQ1,Certificate in Care,3,\nQ4,certificate in care!,2,retired\n,Level 4 Diploma in Care,L4,\n');
      const read = await readRegisterImport(file);
      const plan = planImport(await store.load(), read.records);
      assert.ok(plan.ok);
      if (!plan.ok) return;
      assert.deepEqual(plan.report.entries.map((e) => [e.action, e.id]), [['changed', 'Q1'], ['retired', 'Q4'], ['new', 'Q8']]);
      // Until it is applied nothing is written.
      assert.equal((await store.get('Q1')).version, 1);
      await assert.rejects(() => store.get('Q8'));
      await store.applyImport(editor, plan.report, 'import of qualifications.csv');
      const q1 = (await store.get('Q1')) as Qualification;
      assert.deepEqual([q1.version, q1.level], [2, 3]);
      assert.equal((await store.get('Q4')).status, 'retired');
      assert.equal(((await store.get('Q8')) as Qualification).title, 'Level 4 Diploma in Care');
      const h = await store.history('Q1');
      assert.deepEqual([h[1].action, h[1].actor, h[1].note], ['import', 'eve', 'import of qualifications.csv']);
      // The next created qualification is numbered after the imported one.
      assert.equal((await store.create(editor, 'qualification', { ...q1, title: 'Another' } as never)).id, 'Q9');
      // The same report again: the records moved on, so it is refused and nothing is written.
      await assert.rejects(() => store.applyImport(editor, plan.report, 'again'), ConflictError);
      assert.equal((await store.get('Q1')).version, 2);
      assert.equal((await store.history('Q4')).length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  t('an import that fails part-way writes nothing', async () => {
    const { store } = await freshStore();
    const before = await store.load();
    const plan = planImport(before, [
      { kind: 'role', fields: { id: 'R1', name: 'Care Worker (renamed)' }, halves: [], file: 'roles.csv', line: 2, at: {} },
      { kind: 'role', fields: { name: 'Brand new role' }, halves: [], file: 'roles.csv', line: 3, at: {} },
    ]);
    assert.ok(plan.ok);
    if (!plan.ok) return;
    // Someone creates R4 after the report was made: the report's new R4 now clashes.
    await store.create(editor2, 'role', { name: 'Made meanwhile', notes: null, qualifications: [] });
    await assert.rejects(() => store.applyImport(editor, plan.report, 'x'), ConflictError);
    assert.equal((await store.get('R1')).version, 1);
    assert.equal((await store.get('R4') as { name: string }).name, 'Made meanwhile');
  });

  for (const format of ['json', 'csv'] as const) {
    t(`the whole register exported as ${format.toUpperCase()} imports into an empty register as it was`, async () => {
      const original = sampleRegister(3);
      const { store } = await freshStore(original);
      const dir = mkdtempSync(join(tmpdir(), 'rw-reg-export-'));
      try {
        const out = format === 'json' ? join(dir, 'register.json') : join(dir, 'register');
        const written = writeRegisterExport(await store.load(), out);
        assert.equal(written.files.length, format === 'json' ? 1 : 8);
        // Into the same register: nothing to change.
        const read = await readRegisterImport(out);
        assert.deepEqual(read.problems, []);
        const same = planImport(await store.load(), read.records);
        assert.ok(same.ok, same.ok ? '' : same.problems.map(formatImportProblem).join('\n'));
        if (same.ok) assert.deepEqual([same.report.entries.length, same.report.unchanged], [0, read.records.length]);
        // Into an empty one: everything is new, and the register reads back the same.
        const { store: empty } = await freshStore(null);
        const plan = planImport(await empty.load(), read.records);
        assert.ok(plan.ok);
        if (!plan.ok) return;
        assert.ok(plan.report.entries.every((e) => e.action === 'new' && !e.newId));
        await empty.applyImport(admin, plan.report, 'restore from export');
        assert.deepEqual(withoutVersions(await empty.load()), withoutVersions(original));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test(`${label}: closing`, { skip }, async () => {
    for (const s of opened) await s.close();
    await backend?.cleanup();
  });
}
