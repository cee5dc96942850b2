export { normaliseKey, isBlank } from './normalise.js';
export { KeyIndex } from './index-map.js';
export { createClassifications, type Classifications } from './classifications.js';
export type {
  ClassificationData,
  Region,
  SsaTier1,
  SsaTier2,
  SocMajorGroup,
  SocSubMajorGroup,
  SocVersion,
  SocMatch,
} from './types.js';
