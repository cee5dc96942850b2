/** Which regions a publish run reports on: the dataset's own, or those asked for (any spelling src/reference/regions.ts knows). */
import { UsageError } from '../core/errors.js';
import { resolveRegion, type AnalysisContext } from '../analyses/analysis.js';
import { regionReport } from '../reference/regions.js';
import { datasetRegions } from '../store/regions.js';

export async function targetRegions(context: AnalysisContext, asked: string[] | undefined): Promise<string[]> {
  const present = (await datasetRegions(context.store, context.dataset.id)).map((r) => r.code);
  if (!asked || asked.length === 0) return present;
  const out: string[] = [];
  for (const a of asked) {
    let code: string | null;
    try {
      code = await resolveRegion(context, a);
    } catch (e) {
      throw e instanceof UsageError ? new UsageError(`--regions: ${e.message}`) : e;
    }
    if (code === null) continue;
    if (!present.includes(code)) throw new UsageError(`--regions: the dataset has no people in region ${code} (${regionReport(code).name})`);
    if (!out.includes(code)) out.push(code);
  }
  return out;
}
