/** The clusters analysis's options as the store's network filters: SSA titles to codes, one region. */
import { UsageError } from '../../core/errors.js';
import { loadClassifications } from '../../reference/classifications.js';
import type { NetworkFilters } from '../../store/network.js';
import type { ClustersOptions } from './options.js';

export function networkFilters(options: ClustersOptions, region: string | null): NetworkFilters {
  const filters: NetworkFilters = { occupationBy: options.occupationBy, minPeople: options.minPeople };
  if (region) filters.region = region;
  if (options.levels.length > 0) filters.levels = [...options.levels];
  if (options.ssa.length > 0) {
    const cls = loadClassifications();
    filters.ssa = options.ssa.map((s) => {
      const code = cls.matchSsa(s);
      if (!code) throw new UsageError(`ssa: unknown sector subject area '${s}': expected an SSA tier 1 number (1-15) or title`);
      return code;
    });
  }
  if (options.type) filters.type = options.type;
  if (options.from) filters.from = options.from;
  if (options.to) filters.to = options.to;
  if (filters.from && filters.to && filters.from > filters.to) throw new UsageError(`from (${filters.from}) is after to (${filters.to})`);
  return filters;
}

/** The filters in words, for messages. */
export function describeFilters(f: NetworkFilters): string {
  const parts: string[] = [];
  if (f.region) parts.push(`region ${f.region}`);
  if (f.levels) parts.push(`level ${f.levels.join('/')}`);
  if (f.ssa) parts.push(`SSA ${f.ssa.join('/')}`);
  if (f.type) parts.push(`type ${f.type}`);
  if (f.from) parts.push(`achieved from ${f.from}`);
  if (f.to) parts.push(`achieved to ${f.to}`);
  if (f.minPeople && f.minPeople > 1) parts.push(`at least ${f.minPeople} people per qualification and occupation`);
  return parts.join(', ');
}
