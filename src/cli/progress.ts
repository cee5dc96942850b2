/**
 * Progress on long work: a bar with counts and time left (cli-progress) when
 * stderr is a terminal; nothing when it is not, or with --quiet.
 *
 * Layers report through `onProgress(done, total, phase?)`; pass
 * `progress.callback` there:
 *
 *   const progress = createProgress({ quiet, label: 'Importing', unit: 'bytes' });
 *   try { await importExtract(store, dir, { ..., onProgress: progress.callback }); } finally { progress.stop(); }
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Report progress; `phase` replaces the label shown. */
  update(done: number, total: number, phase?: string): void;
  /** The same, as a callback to hand to a layer. */
  readonly callback: (done: number, total: number, phase?: string) => void;
  /** Remove the bar (call in `finally`). */
  stop(): void;
  /** True when a bar is being drawn. */
  readonly active: boolean;
}

export interface ProgressOptions {
  quiet?: boolean;
  label?: string;
  /** 'bytes' shows MB; 'count' shows the numbers as they are. */
  unit?: 'bytes' | 'count';
  stream?: NodeJS.WriteStream;
}

const MB = 1024 * 1024;

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = !options.quiet && stream.isTTY === true;
  if (!enabled) {
    const noop = () => undefined;
    return { update: noop, callback: noop, stop: noop, active: false };
  }
  const unit = options.unit ?? 'count';
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `{phase} [{bar}] {percentage}% | {value}/{total}${unit === 'bytes' ? ' MB' : ''} | {duration_formatted} elapsed, ETA {eta_formatted}`,
      formatValue: (v, _o, type) => {
        if ((type === 'value' || type === 'total') && unit === 'bytes') return (Number(v) / MB).toFixed(1);
        if (type === 'value' || type === 'total') return Number(v).toLocaleString('en-GB');
        return String(v);
      },
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  const label = options.label ?? 'Working';
  const update = (done: number, total: number, phase?: string) => {
    if (stopped) return;
    const payload = { phase: phase ? `${label}: ${phase}` : label };
    if (!started) {
      bar.start(Math.max(total, 1), Math.min(done, total), payload);
      started = true;
    } else {
      if (bar.getTotal() !== total) bar.setTotal(Math.max(total, 1));
      bar.update(Math.min(done, total), payload);
    }
  };
  return {
    update,
    callback: update,
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
    active: true,
  };
}
