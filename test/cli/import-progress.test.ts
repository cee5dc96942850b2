/** The progress bar: drawn with counts and ETA on a terminal, silent otherwise and with --quiet. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createProgress } from '../../src/cli/progress.js';

/** A stream that says it is a terminal and records what is written. */
function fakeTty(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const w = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  }) as unknown as NodeJS.WriteStream & Record<string, unknown>;
  Object.assign(w, {
    isTTY,
    columns: 120,
    cursorTo: (_x: number, _y?: number | (() => void), cb?: () => void) => (typeof _y === 'function' ? _y() : cb?.(), true),
    clearLine: (_d: number, cb?: () => void) => (cb?.(), true),
    moveCursor: (_dx: number, _dy: number, cb?: () => void) => (cb?.(), true),
    clearScreenDown: (cb?: () => void) => (cb?.(), true),
  });
  return { stream: w, text: () => out };
}

test('on a terminal the bar shows the phase, counts and ETA', async () => {
  const t = fakeTty(true);
  const p = createProgress({ stream: t.stream, label: 'Importing', unit: 'count' });
  assert.equal(p.active, true);
  p.update(0, 2000, 'reading');
  await new Promise((r) => setTimeout(r, 250));
  p.callback(1000, 2000, 'writing');
  await new Promise((r) => setTimeout(r, 250));
  p.stop();
  assert.match(t.text(), /Importing: (reading|writing) \[.*\] \d+% \| [\d,]+\/2,000 \| .*ETA/);
  assert.match(t.text(), /1,000\/2,000/);
});

test('nothing is written when the output is not a terminal, or with --quiet', () => {
  for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
    const t = fakeTty(isTTY);
    const p = createProgress({ stream: t.stream, quiet });
    assert.equal(p.active, false);
    p.update(5, 10, 'x');
    p.stop();
    assert.equal(t.text(), '');
  }
});
