/**
 * Disclosure control: the public API. (sealRelease is internal and not exported here.)
 */
export { protect, protectWithDetail, protectSet, protectSetWithDetail, protectReleaseSet, AuditFailure, AUDIT_METHOD, type ProtectOptions, type ProtectionDetail, type ReleaseSet } from './protect.js';
export { PERTURBATION_METHOD } from './perturbation-release.js';
export type { RiskUtility, RiskUtilityReport } from './risk-utility.js';
export { verifyRelease, releaseSchema, auditReleaseSet, type ReleaseSetAudit } from './verify.js';
export { isProtected, assertProtected, SYMBOL_MEANINGS } from './release.js';
export type {
  ProtectedRelease,
  PublishedTable,
  PublishedRow,
  PublishedCell,
  PublishedCellRef,
  PublishedNetwork,
  PublishedCountTable,
  GssSymbol,
  SuppressionReason,
  PolicySummary,
  AuditSummary,
} from './release.js';
export { DEFAULT_POLICY, PUBLISHING_DEFAULTS, POLICY_DOCS, policySchema, resolvePolicy, PolicyError, type DisclosureMethod, type DisclosurePolicy, type PolicyInput } from './policy.js';
export { roundCount, roundingError } from './rounding.js';
export { auditModel, type AuditInput, type AuditResult, type AuditFinding } from './audit.js';
export { buildTruthModel, buildPublishedModel, type LinearModel, type ModelCell, type ModelTableInput, type RegionSum } from './model.js';
