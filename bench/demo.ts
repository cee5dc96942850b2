/**
 * Demo generator benchmark: time generateDemoExtract for a few sizes and print
 * people, rows, rows per second, bytes written and peak RSS.
 *
 *   npm run build && node dist/bench/demo.js [people ...]    (default: 10000 100000 1000000)
 *   npm run bench:demo
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDemoExtract } from '../src/demo/generate.js';

const sizes = process.argv.slice(2).map(Number);
const runs = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
const mib = (b: number) => (b / 1024 / 1024).toFixed(1);

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('people      rows        seconds  rows/s      MiB written  peak RSS MiB');
for (const people of runs) {
  const dir = mkdtempSync(join(tmpdir(), 'rw-bench-demo-'));
  try {
    const t0 = performance.now();
    const r = await generateDemoExtract(dir, { seed: 1, people });
    const s = (performance.now() - t0) / 1000;
    const rows = r.counts.people + r.counts.qualifications + r.counts.occupations + r.counts.benefits;
    const bytes = r.files.reduce((a, f) => a + statSync(f).size, 0);
    const rss = process.resourceUsage().maxRSS * 1024;
    console.log(
      `${String(people).padEnd(11)} ${String(rows).padEnd(11)} ${s.toFixed(2).padEnd(8)} ${Math.round(rows / s).toLocaleString('en-GB').padEnd(11)} ${mib(bytes).padEnd(12)} ${mib(rss)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
