/**
 * Observed moves between occupations: a directed network whose link from A
 * to B weighs the people who went from a job in A straight to a job in B.
 *
 * A person's dated spells are taken in start order (first listed on a tie);
 * each pair of consecutive spells in different occupations is a move. Two
 * spells in the same occupation are not a move, and a spell with no
 * occupation (no SOC code) breaks the chain: A -> uncoded -> B is not a move
 * from A to B. Each person counts once per link however often they made the
 * move, and once per occupation in its people, movers-in and movers-out.
 */
import type { PersonHistory, Spell } from './spells.js';
import { placedSpells } from './window.js';
import type { OccupationBy } from './routes.js';

export interface MoveEdge {
  from: string;
  to: string;
  people: number;
}

export interface MoveNode {
  id: string;
  /** People with a spell in the occupation. */
  people: number;
  /** People who moved into it from another occupation, and out of it to another. */
  movedIn: number;
  movedOut: number;
}

export interface MovesNetwork {
  occupationBy: OccupationBy;
  nodes: MoveNode[];
  edges: MoveEdge[];
}

export interface Flow {
  id: string;
  people: number;
  /** Of the occupation's movers-in (came from) or movers-out (went to). */
  share: number;
}

export interface OccupationFlows extends MoveNode {
  cameFrom: Flow[];
  wentTo: Flow[];
}

function occupationOf(s: Spell, by: OccupationBy): string | null {
  return by === 'title' ? s.title : s.socSubmajor;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function countMoves(histories: Iterable<Pick<PersonHistory, 'spells'>>, by: OccupationBy): MovesNetwork {
  const edges = new Map<string, MoveEdge>();
  const nodes = new Map<string, MoveNode>();
  const node = (id: string) => nodes.get(id) ?? nodes.set(id, { id, people: 0, movedIn: 0, movedOut: 0 }).get(id)!;
  for (const h of histories) {
    const seq = placedSpells(h.spells)
      .sort((a, b) => a.start - b.start || a.order - b.order)
      .map((p) => occupationOf(p.spell, by));
    const held = new Set<string>();
    const pairs = new Set<string>();
    for (let i = 0; i < seq.length; i++) {
      if (seq[i] !== null) held.add(seq[i]!);
      if (i > 0 && seq[i - 1] !== null && seq[i] !== null && seq[i - 1] !== seq[i]) pairs.add(JSON.stringify([seq[i - 1], seq[i]]));
    }
    for (const id of held) node(id).people++;
    const ins = new Set<string>();
    const outs = new Set<string>();
    for (const p of pairs) {
      const [from, to] = JSON.parse(p) as [string, string];
      const e = edges.get(p) ?? edges.set(p, { from, to, people: 0 }).get(p)!;
      e.people++;
      outs.add(from);
      ins.add(to);
    }
    for (const id of ins) node(id).movedIn++;
    for (const id of outs) node(id).movedOut++;
  }
  return {
    occupationBy: by,
    nodes: [...nodes.values()].sort((a, b) => cmp(a.id, b.id)),
    edges: [...edges.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to)),
  };
}

/** For one occupation: where its movers came from and went to, most people first (`top` of each). */
export function occupationFlows(net: MovesNetwork, id: string, top = 10): OccupationFlows | null {
  const n = net.nodes.find((x) => x.id === id);
  if (!n) return null;
  const flows = (list: MoveEdge[], other: (e: MoveEdge) => string, base: number): Flow[] =>
    list
      .map((e) => ({ id: other(e), people: e.people, share: base > 0 ? e.people / base : 0 }))
      .sort((a, b) => b.people - a.people || cmp(a.id, b.id))
      .slice(0, top);
  return {
    ...n,
    cameFrom: flows(net.edges.filter((e) => e.to === id), (e) => e.from, n.movedIn),
    wentTo: flows(net.edges.filter((e) => e.from === id), (e) => e.to, n.movedOut),
  };
}
