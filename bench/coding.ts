/**
 * Coding 100,000 distinct occupation titles (generated: index titles with
 * case-system damage, combined words, noise and typos; seed 1). Prints the
 * load time, titles per second, the share auto-coded and the peak RSS.
 *
 *   npm run bench:coding [-- --titles 100000]
 */
import { performance } from 'node:perf_hooks';
import { Random } from '../src/core/random.js';
import { loadOccupationCoder, readSocCodingData } from '../src/reference/coding-index.js';
import { damageableEntries, damageTitle } from '../scripts/coding/damage.js';

const arg = process.argv.indexOf('--titles');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 50);

const t0 = performance.now();
const coder = loadOccupationCoder();
const loadMs = performance.now() - t0;

// Distinct titles: damaged index titles, some with a second title's head word or a place name put in.
const rng = new Random(1);
const pool = damageableEntries(readSocCodingData().entries);
const places = ['Leeds', 'Hull', 'Sheffield', 'York', 'Bradford', 'Doncaster', 'Wakefield', 'Harrogate'];
const titles = new Set<string>();
while (titles.size < N) {
  let t = damageTitle(pool[rng.nextInt(pool.length)], rng);
  const r = rng.nextFloat();
  if (r < 0.2) t = `${t} ${places[rng.nextInt(places.length)]}`;
  else if (r < 0.3) t = `${t} / ${damageTitle(pool[rng.nextInt(pool.length)], rng)}`;
  titles.add(t);
}

const t1 = performance.now();
const cpu0 = process.cpuUsage();
let auto = 0;
for (const t of titles) if (coder.code(t).decision === 'auto') auto++;
const codeMs = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
sample();
clearInterval(timer);
const s = (ms: number) => (ms / 1000).toFixed(1);
process.stdout.write(
  `coding ${N.toLocaleString('en-GB')} distinct titles: index load ${s(loadMs)} s, coding ${s(codeMs)} s ` +
    `(${Math.round(N / (codeMs / 1000)).toLocaleString('en-GB')} titles/s), ${((100 * auto) / N).toFixed(1)}% auto-coded, ` +
    `CPU ${s((cpu.user + cpu.system) / 1000)} s (the machine is shared: wall time counts others' work too), peak RSS ${Math.round(peak / 2 ** 20)} MiB\n`,
);
