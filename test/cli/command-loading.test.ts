import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandName, loadCommands } from '../../src/cli/commands.js';

test('only the command asked for is loaded; help and unknown names load every command', async () => {
  assert.equal(commandName(['node', 'routeways', '--db', 'x.duckdb', '-q', 'import', 'folder']), 'import');
  assert.equal(commandName(['node', 'routeways', '--db=x.duckdb', 'serve']), 'serve');
  assert.equal(commandName(['node', 'routeways', '--help']), undefined);
  assert.equal((await loadCommands(['node', 'routeways', 'import', 'folder'])).length, 1);
  assert.equal((await loadCommands(['node', 'routeways', 'main'])).length, 1);
  const all = await loadCommands(['node', 'routeways', '--help']);
  assert.equal(all.length, 19, 'every command module once (run and its alias main share one)');
  assert.equal((await loadCommands(['node', 'routeways', 'nonsense'])).length, 19);
});
