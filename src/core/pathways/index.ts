/** The pathways analysis (seed 002): pure, from counts. */
export { buildPathways, TOTAL } from './build.js';
export { buildCube, Cube, type LeafCell } from './cube.js';
export { parseMappingRecords, normaliseTitle } from './mapping.js';
export { CellResolver, shareOf, reportTableRows, countTableRows, type ResolvedCell } from './render.js';
export * from './types.js';
export * from './labels.js';
