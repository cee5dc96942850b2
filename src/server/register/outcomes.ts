/**
 * The outcomes query: for a role or cluster, where the people holding its
 * key qualifications went. The register's qualifications are matched to a
 * dataset's recorded titles (core/register/queries/outcomes.ts); the figures
 * are one query of the open data API (occupations by SOC sub-major group of
 * the people holding any matched title), so they are perturbed by the cell
 * key method and obey the same query rules as every other table.
 */
import { lookup } from '../../core/register/lookup.js';
import { matchOutcomeTitles, type OutcomeMatch } from '../../core/register/queries/outcomes.js';
import { titleKey } from '../../core/register/queries/overprovision.js';
import type { Target } from '../../core/register/queries/coverage.js';
import type { RegisterData } from '../../core/register/types.js';
import type { Refusal } from '../../core/query/rules.js';
import type { ApiService } from '../api/service.js';

export interface OutcomeSource {
  service: ApiService;
  /** Accepted spelling variants of qualification titles (the title coder's groups), as lists of titles. */
  variantGroups(): Promise<string[][]>;
  /** The titles a dataset records under each unit code (codeKey(code) -> titles). */
  titlesByCode(dataset: string, codes: string[]): Promise<Map<string, string[]>>;
}

export interface OutcomeRow {
  soc: string;
  occupation: string;
  people: number;
  share: number | null;
}

export interface Outcomes {
  target: { kind: 'role' | 'cluster'; id: string; name: string };
  dataset: string;
  matches: OutcomeMatch[];
  /** People holding any matched qualification (perturbed), and where they went; or why the figures are withheld. */
  people: number | null;
  destinations: OutcomeRow[];
  refusals: Refusal[];
}

function variantMap(groups: string[][]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of groups) for (const t of g) out.set(titleKey(t), g.filter((x) => x !== t));
  return out;
}

export async function outcomes(source: OutcomeSource, data: RegisterData, target: Target, datasetId: string): Promise<Outcomes> {
  const look = lookup(data);
  const name = target.kind === 'role' ? (look.role(target.id)?.name ?? target.id) : (look.cluster(target.id)?.name ?? target.id);
  const info = await source.service.dataset(datasetId);
  const titles = (info.dimensions.find((d) => d.id === 'qualification')?.categories ?? []).map((c) => ({ key: c.code, title: c.label }));
  const codes = data.qualifications.map((q) => q.unitCode).filter((c): c is string => c !== null);
  const matches = matchOutcomeTitles(look, target, titles, { variants: variantMap(await source.variantGroups()), byCode: await source.titlesByCode(info.id, codes) });
  const keys = [...new Set(matches.flatMap((m) => m.matches.map((t) => t.key)))];
  const base = { target: { ...target, name }, dataset: info.id, matches };
  if (keys.length === 0) return { ...base, people: null, destinations: [], refusals: [] };
  const result = await source.service.query(info.id, { rows: ['soc_submajor'], filters: { qualification: keys }, measures: ['people', 'column_share'] });
  if (!result.ok) return { ...base, people: null, destinations: [], refusals: result.refusals };
  const labels = new Map((result.answer.dimensions[0]?.categories ?? []).map((c) => [c.code, c.label]));
  const destinations = result.answer.cells
    .filter((c) => c.people > 0)
    .map((c) => ({ soc: c.keys[0], occupation: labels.get(c.keys[0]) ?? c.keys[0], people: c.people, share: c.column_share ?? null }))
    .sort((a, b) => b.people - a.people || a.soc.localeCompare(b.soc));
  return { ...base, people: result.answer.total, destinations, refusals: [] };
}
