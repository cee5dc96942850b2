/**
 * GET occupations/{soc}/moves: for an occupation group, the jobs people came
 * from and went to (career moves from employment histories, issue 14). Every
 * count is perturbed by the cell key method like the rest of the API; shares
 * are of the perturbed movers in or out.
 */
import { publishCount } from '../../core/query/table.js';
import { occupationMoveCounts } from '../../store/move-counts.js';
import { shareOf, type Ctx, type Opened } from './answers.js';
import { notFound } from './problems.js';

export interface MoveFlow {
  soc: string;
  title: string;
  people: number;
  share: number | null;
  symbol?: '[u]' | '[z]';
}

export interface OccupationMoves {
  dataset: string;
  occupation: { soc: string; title: string };
  region: string | null;
  /** People with a spell in the group, and those who moved into it and out of it. */
  people: number;
  movedIn: number;
  movedOut: number;
  cameFrom: MoveFlow[];
  wentTo: MoveFlow[];
}

export async function occupationMoves(ctx: Ctx, o: Opened, soc: string, region?: string): Promise<OccupationMoves> {
  const title = soc.length === 2 ? ctx.titleOf(o, 'soc_submajor', soc) : undefined;
  if (title === undefined) throw notFound(`no SOC sub-major group '${soc}' in dataset ${o.info.id}: moves are by 2-digit sub-major group; search with GET occupations?search=`);
  const rf = ctx.regionFilter(o, region);
  const counts = await ctx.pool.run((lane) => {
    const recordKeys = lane.recordKeys(o.dataset.id);
    return occupationMoveCounts(lane.store, o.dataset.id, soc, { ...(rf.region ? { region: rf.region[0] } : {}), ...(recordKeys ? { recordKeys } : {}) });
  });
  const published = (c: { n: number; key: number } | undefined) => (c ? publishCount(ctx.lookup, c.n, c.key) : 0);
  const movers = (dir: string) => published(counts.movers.find((c) => c.values[0] === dir));
  const [movedIn, movedOut] = [movers('from'), movers('to')];
  const flows = (dir: string, base: number): MoveFlow[] =>
    counts.moves
      .filter((c) => c.values[0] === dir)
      .map((c) => {
        const other = String(c.values[1]);
        const people = published(c);
        return { soc: other, title: ctx.titleOf(o, 'soc_submajor', other) ?? other, people, ...shareOf(people, base, ctx.policy.minBase) };
      })
      .filter((f) => f.people > 0)
      .sort((a, b) => b.people - a.people || a.soc.localeCompare(b.soc));
  return { dataset: o.info.id, occupation: { soc, title }, region: region ?? null, people: published(counts.people), movedIn, movedOut, cameFrom: flows('from', movedIn), wentTo: flows('to', movedOut) };
}
