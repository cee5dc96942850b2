/** The import command's options: one zod schema, with problems in the user's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/core/errors.js';
import { parseImportOptions } from '../../src/cli/commands/import.js';

test('defaults come from the schema; what commander gives is checked', () => {
  assert.deepEqual(parseImportOptions({ name: 'd' }), { name: 'd', map: [], skipInvalid: false, replace: false, encoding: 'utf-8', soc: '2020', json: false, code: false });
  assert.deepEqual(parseImportOptions({ name: 'd', map: ['a=B'], soc: '2010', encoding: 'latin-1', replace: true }).soc, '2010');
});

test('a bad value is a usage error naming the flag and what it expects', () => {
  const fails = (raw: Record<string, unknown>, message: RegExp) =>
    assert.throws(() => parseImportOptions(raw), (e: unknown) => e instanceof UsageError && message.test(e.message));
  fails({ name: 'd', soc: '2019' }, /^--soc 2019: expected 2010 or 2020$/);
  fails({ name: 'd', encoding: 'ascii' }, /^--encoding ascii: expected utf-8, latin-1 or utf-16$/);
  fails({}, /^--name: /);
  fails({ name: 'd', code: true, codeThreshold: 'high' }, /^--code-threshold high: expected a number from 0 to 100$/);
});
