/** A worker thread of the layout pool (layout-pool.ts): lays out one report's map. */
import type { PublishedNetwork } from '../core/disclosure/release.js';
import { layoutNetwork } from './layout.js';
import type { MapData } from './map-data.js';

export interface LayoutTask {
  network: PublishedNetwork;
  code: string;
  title: string;
  seed: number;
}

export default function runLayout(task: LayoutTask): MapData {
  return layoutNetwork(task.network, task.code, task.title, { seed: task.seed });
}
