/**
 * The progression counts computed in memory from histories: the reference
 * implementation of every rule, which the store's SQL must match exactly
 * (test/progression/), and a way to count small extracts without a store.
 */
import { groupingSets, aggregateOutcomes } from './aggregate.js';
import { DEFAULT_BY, DEFAULT_ROUTES, lowPayThreshold, medianHourlyPay, type CountOptions, type ProgressionCounts } from './counts.js';
import { hourlyPay } from './pay.js';
import { latestRecordedDay, personOutcome, type PersonOutcome } from './person.js';
import { personValues } from './person-values.js';
import { countRoutes } from './routes.js';
import type { ProgressionSettings } from './settings.js';
import { isPlaced, type PersonHistory } from './spells.js';

export function progressionFromHistories(histories: readonly PersonHistory[], settings: ProgressionSettings, options: CountOptions = {}): ProgressionCounts {
  const sets = groupingSets(options.by ?? DEFAULT_BY, options.margins ?? true);
  const routeOptions = { ...DEFAULT_ROUTES, ...options.routes };
  const observedTo = settings.observedTo ?? latestRecordedDay(histories);
  const pays = histories
    .flatMap((h) => h.spells.filter(isPlaced).map((s) => hourlyPay(s.pay, s.payPeriod, s.hours)))
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  const medianHourly = medianHourlyPay(pays);
  const threshold = lowPayThreshold(settings, medianHourly);
  const population = options.region === undefined || options.region === null ? histories : histories.filter((h) => h.region === options.region);
  const coverage = { people: population.length, noQualification: 0, noDate: 0, incomplete: 0, analysed: 0 };
  const analysed: PersonOutcome[] = [];
  for (const h of population) {
    const o = personOutcome(h, settings.months, observedTo);
    if (o === null) coverage.noQualification++;
    else if (o.status === 'no-date') coverage.noDate++;
    else if (o.status === 'incomplete') coverage.incomplete++;
    else {
      coverage.analysed++;
      analysed.push(o);
    }
  }
  const ctx = { months: settings.months, lowPayThreshold: threshold, realGain: settings.realGain };
  return {
    settings,
    context: { observedTo, medianHourly, spellsWithPay: pays.length, lowPayThreshold: threshold },
    sets,
    coverage,
    aggregates: aggregateOutcomes(analysed.map((outcome) => ({ outcome, values: personValues(outcome, ctx) })), sets, options.clusters),
    routeOptions,
    routes: countRoutes(analysed, routeOptions),
  };
}
