/**
 * The cell key method (perturbation) for counts of people: p-table generation
 * (ptable's maximum-entropy method), cell keys, the lookup, magnitudes, and
 * risk-utility measures. Pure: record keys come from the store.
 */
export {
  DEFAULT_MAX_ZERO,
  DEFAULT_PTABLE_PARAMETERS,
  MAX_D,
  PTableParameterError,
  checkPTableParameters,
  maximumVariance,
  minimumMaxZero,
  minimumVariance,
  rowCount,
  type PTableParameterName,
  type PTableParameters,
} from './params.js';
export { PROBABILITY_FLOOR, allowedPerturbations, generatePTable, summariseRows, type PTable, type PTableRow, type RowSummary } from './ptable.js';
export { maxEntropyRow, type EntropyRowProblem, type EntropyRowSolution } from './max-entropy.js';
export { PTABLE_COLUMNS, forbiddenUpTo, formatPTableCsv, parsePTableCsv } from './ptable-csv.js';
export { KEY_RANGE, cellKey, cellKeyOfPeople, combineKeys, isKey, removeKey } from './cell-key.js';
export { PerturbationLookup } from './lookup.js';
export { checkMagnitudeSettings, magnitudeNoise, perturbMagnitude, scrambleKey, type MagnitudeCell, type MagnitudeSettings } from './magnitude.js';
export { hellinger, shownShare, smallCountRisk, utilityMeasures, type CellOutcome, type SmallCountRisk, type UtilityMeasures } from './measures.js';
