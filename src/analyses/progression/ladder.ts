/**
 * The qualification ladder joined to the career routes when the store holds
 * a register with prerequisites (src/core/progression/ladder.ts says how).
 */
import { ladderSteps, ladderTables } from '../../core/progression/ladder.js';
import type { Results } from '../../core/results.js';
import { countLadder, recordedQualificationTitles, storedLadderRegister } from '../../store/ladder-counts.js';
import type { AnalysisContext } from '../analysis.js';

const NOTE =
  "Next on the qualification ladder: steps between qualifications that the register kept in this store lists as prerequisites of one another, matched to the dataset's titles by unit code or title. 'Went on' counts holders of the first who also gained the next, on or after the first when both are dated.";

/** Add the ladder's tables to the progression results (nothing when the store holds no register, or no step is recorded). */
export async function addLadder(results: Results, context: AnalysisContext, region: string | null, section: string): Promise<void> {
  const register = await storedLadderRegister(context.store);
  if (register.length === 0) return;
  const steps = ladderSteps(register, await recordedQualificationTitles(context.store, context.dataset.id));
  const counts = await countLadder(context.store, context.dataset.id, steps, { region, ...(context.recordKeys ? { recordKeys: context.recordKeys } : {}) });
  const tables = ladderTables(steps, counts, section);
  if (!tables) return;
  results.countTables.push(tables.countTable);
  results.reportTables.push(tables.report);
  results.methodNotes = [...(results.methodNotes ?? []), NOTE];
}
