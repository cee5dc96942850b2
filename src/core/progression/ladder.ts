/**
 * The qualification ladder: where a register (issue 13's) says one
 * qualification is a prerequisite of another, the step from the first to the
 * second joins the career routes, with how many holders of the first went on
 * to the second. Register qualifications are matched to the titles a dataset
 * records by unit code (a QAN, against the dataset's `code`) or by title
 * (case, punctuation and spacing aside), as the register's outcomes are.
 */
import type { CountTable, ReportTable } from '../results.js';
import { codeKey } from '../register/queries/outcomes.js';
import { titleKey } from '../register/queries/overprovision.js';

export interface LadderQualification {
  id: string;
  title: string;
  unitCode: string | null;
  /** Ids of what must be gained first (qualifications or modules). */
  prerequisites: readonly string[];
}

export interface LadderStep {
  /** `<from id>><to id>`. */
  id: string;
  from: { id: string; title: string; titles: string[] };
  to: { id: string; title: string; titles: string[] };
}

export interface LadderCount {
  step: string;
  /** People holding the first qualification, and the cell key of their count. */
  holders: number;
  holdersKey: number;
  /** Of them, people who also gained the next one (on or after the first, when both are dated). */
  wentOn: number;
  wentOnKey: number;
}

/** The dataset titles of each register qualification (by unit code, then title). */
function matchTitles(q: LadderQualification, titles: ReadonlyArray<{ title: string; code: string | null }>): string[] {
  const code = q.unitCode ? codeKey(q.unitCode) : null;
  const key = titleKey(q.title);
  return [...new Set(titles.filter((t) => (code !== null && t.code !== null && codeKey(t.code) === code) || titleKey(t.title) === key).map((t) => t.title))].sort();
}

/** Every prerequisite step between two register qualifications that the dataset records. */
export function ladderSteps(register: readonly LadderQualification[], titles: ReadonlyArray<{ title: string; code: string | null }>): LadderStep[] {
  const matched = new Map(register.map((q) => [q.id, { id: q.id, title: q.title, titles: matchTitles(q, titles) }]));
  const steps: LadderStep[] = [];
  for (const q of register) {
    const to = matched.get(q.id)!;
    for (const p of q.prerequisites) {
      const from = matched.get(p);
      if (!from || from.titles.length === 0 || to.titles.length === 0) continue;
      steps.push({ id: `${from.id}>${to.id}`, from, to });
    }
  }
  return steps.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The ladder's count table (holders and those who went on, per step) and its report table. */
export function ladderTables(steps: readonly LadderStep[], counts: readonly LadderCount[], section: string): { countTable: CountTable; report: ReportTable } | null {
  const byStep = new Map(counts.map((c) => [c.step, c]));
  const shown = steps.filter((s) => (byStep.get(s.id)?.holders ?? 0) > 0);
  if (shown.length === 0) return null;
  const id = 'progression-ladder';
  const countTable: CountTable = {
    id,
    title: 'Holders of a qualification, and those who went on to the next on its ladder',
    dimensions: [
      { id: 'step', label: 'Step on the ladder', categories: shown.map((s) => ({ code: s.id, label: `${s.from.title} to ${s.to.title}` })) },
      { id: 'people', label: 'People', categories: [{ code: 'holders', label: 'Holders of the first' }, { code: 'went-on', label: 'Went on to the next' }] },
    ],
    additive: false,
    cells: shown.flatMap((s) => {
      const c = byStep.get(s.id)!;
      return [
        { keys: [s.id, 'holders'], n: c.holders, key: c.holdersKey },
        { keys: [s.id, 'went-on'], n: c.wentOn, key: c.wentOnKey },
      ];
    }),
  };
  const ref = (step: string, what: string) => ({ table: id, keys: [step, what] });
  const report: ReportTable = {
    id,
    title: 'Next on the qualification ladder',
    caption: "Steps between qualifications that the register lists as prerequisites of one another, and how many holders of the first went on to gain the next",
    section,
    columns: [
      { id: 'from', label: 'Qualification' },
      { id: 'to', label: 'Next on the ladder' },
      { id: 'holders', label: 'Holders' },
      { id: 'went-on', label: 'Went on to the next' },
      { id: 'share', label: 'Share who went on' },
    ],
    rows: shown.map((s) => ({
      id: s.id,
      cells: [
        { kind: 'text', text: s.from.title },
        { kind: 'text', text: s.to.title },
        { kind: 'count', ref: ref(s.id, 'holders') },
        { kind: 'count', ref: ref(s.id, 'went-on') },
        { kind: 'share', num: ref(s.id, 'went-on'), den: ref(s.id, 'holders') },
      ],
    })),
  };
  return { countTable, report };
}
