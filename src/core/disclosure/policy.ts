/**
 * The disclosure-control policy: every rule a release is protected with, with
 * documented defaults. Each value can be set in a policy file (JSON) and on the
 * command line (`routeways protect --min-count 10 --rounding 5 --min-base 30`).
 *
 * Defaults (UK practice for administrative counts of people):
 * - minCount 10: counts of 1 to 9 people are suppressed ([c]); true zeros are shown.
 * - roundingBase 5: every published count is rounded to the nearest 5 (halves
 *   round up); `null` publishes exact counts. A non-zero count that rounds to 0
 *   is shown as [low] (possible only when minCount < 3).
 * - minBase 30: a percentage whose base (denominator, people) is under 30 is
 *   suppressed; a percentage is also suppressed when its numerator or
 *   denominator count is. Percentages are computed from the published (rounded) counts.
 * - protectSingletons true: a person counted alone in a cell knows that cell;
 *   secondary suppression and the audit make sure such an insider cannot derive
 *   any other suppressed cell (see secondary.ts).
 * - intervalCells 200: how many suppressed cells the publishing audit asks the
 *   LP solver for the interval an attacker can infer (0: none).
 *
 * - method: 'perturbation' (the cell key method; what publishing uses unless
 *   told otherwise, see PUBLISHING_DEFAULTS) or 'suppression' (the rules
 *   above). Under perturbation every count is changed by a small amount drawn
 *   from the p-table by its cell key (ptable: D = 5, V = 3, js = 2 by default:
 *   no 1s or 2s are ever published; maxZero 0.005: a count of 3 or more is
 *   published as 0 with probability at most 0.005, so maps keep their links;
 *   a ptable object without maxZero gets that cap, "maxZero": null lifts
 *   it); minCount, roundingBase and
 *   protectSingletons do not apply, and a percentage whose perturbed base is
 *   under minBase is marked [u] (low reliability) instead of withheld.
 *
 * Symbols follow the Government Statistical Service shorthand and are not
 * configurable: [c] confidential, [x] not available, [z] not applicable,
 * [low] rounds to zero, [u] low reliability.
 */
import { z } from 'zod';
import { checkPTableParameters, DEFAULT_MAX_ZERO, DEFAULT_PTABLE_PARAMETERS, PTableParameterError, type PTableParameters } from './perturbation/params.js';

export type DisclosureMethod = 'perturbation' | 'suppression';

export interface DisclosurePolicy {
  /** Smallest count published; counts 1..minCount-1 are suppressed. */
  minCount: number;
  /** Base published counts are rounded to, or null for exact counts. */
  roundingBase: number | null;
  /** Smallest denominator (people) a percentage is published on. */
  minBase: number;
  /** Guard against an insider counted alone in a cell (recommended). */
  protectSingletons: boolean;
  /** Suppressed cells for which publishing reports the attacker's interval (LP). */
  intervalCells: number;
  /** How figures are protected. */
  method: DisclosureMethod;
  /** Parameters of the perturbation table (the cell key method). */
  ptable: PTableParameters;
}

export const DEFAULT_POLICY: Readonly<DisclosurePolicy> = Object.freeze({
  minCount: 10,
  roundingBase: 5,
  minBase: 30,
  protectSingletons: true,
  intervalCells: 200,
  method: 'suppression',
  ptable: DEFAULT_PTABLE_PARAMETERS,
});

/** What publishing (publish, run, protect, the server) starts from: the cell key method. */
export const PUBLISHING_DEFAULTS: Readonly<PolicyInput> = Object.freeze({ method: 'perturbation' });

/** What each setting means, for help text and method notes. */
export const POLICY_DOCS: Readonly<Record<keyof DisclosurePolicy, string>> = {
  minCount: 'smallest count of people published; 1 to minCount-1 are suppressed [c], true zeros are shown (default 10)',
  roundingBase: 'published counts are rounded to the nearest multiple of this (default 5; "none" for exact counts)',
  minBase: 'smallest base (people) a percentage is published on (default 30)',
  protectSingletons: 'make sure a person counted alone in a cell cannot work out another suppressed cell (default true)',
  intervalCells: 'number of suppressed cells whose attacker interval the audit computes with an LP solver (default 200)',
  method: 'perturbation (the cell key method: small changes to every count, the default for publishing) or suppression (withhold small counts, round the rest)',
  ptable: `the perturbation table: {"maxPerturbation":5,"variance":3,"forbid":2,"maxZero":${DEFAULT_MAX_ZERO}} (D, V, js, the false-zero cap: null for none; optional "pstay")`,
};

/** A policy file or command-line overrides: every field optional, unknown fields refused. */
export const policySchema = z
  .object({
    minCount: z.number().int().min(1).max(1_000_000).optional(),
    roundingBase: z.union([z.number().int().min(1).max(1_000_000), z.null(), z.literal('none')]).optional(),
    minBase: z.number().int().min(0).max(100_000_000).optional(),
    protectSingletons: z.boolean().optional(),
    intervalCells: z.number().int().min(0).max(1_000_000).optional(),
    method: z.enum(['perturbation', 'suppression']).optional(),
    ptable: z
      .object({
        maxPerturbation: z.number().int().min(1),
        variance: z.number().positive(),
        forbid: z.number().int().min(0),
        pstay: z.number().gt(0).lt(1).optional(),
        maxZero: z.union([z.number().gt(0).lt(1), z.null()]).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type PolicyInput = z.input<typeof policySchema>;

/**
 * Merge settings over the defaults (later sources win: file, then command line).
 * Throws a ZodError-derived Error naming the setting when a value is invalid.
 */
export function resolvePolicy(...sources: Array<PolicyInput | undefined>): DisclosurePolicy {
  const policy: DisclosurePolicy = { ...DEFAULT_POLICY };
  for (const source of sources) {
    if (!source) continue;
    const parsed = policySchema.safeParse(source);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'policy';
      throw new PolicyError(`invalid disclosure policy setting ${where}: ${issue?.message ?? 'invalid'}`);
    }
    const p = parsed.data;
    if (p.minCount !== undefined) policy.minCount = p.minCount;
    if (p.roundingBase !== undefined) policy.roundingBase = p.roundingBase === 'none' || p.roundingBase === 1 ? null : p.roundingBase;
    if (p.minBase !== undefined) policy.minBase = p.minBase;
    if (p.protectSingletons !== undefined) policy.protectSingletons = p.protectSingletons;
    if (p.intervalCells !== undefined) policy.intervalCells = p.intervalCells;
    if (p.method !== undefined) policy.method = p.method;
    if (p.ptable !== undefined) {
      // The false-zero cap is on unless lifted with null: without it small maps lose their links.
      const { maxZero, ...rest } = p.ptable;
      policy.ptable = maxZero === null ? rest : { ...rest, maxZero: maxZero ?? DEFAULT_MAX_ZERO };
    }
  }
  try {
    checkPTableParameters(policy.ptable);
  } catch (e) {
    if (e instanceof PTableParameterError) throw new PolicyError(`invalid disclosure policy setting ptable.${e.parameter}: ${e.message}`);
    throw e;
  }
  return policy;
}

/** A policy value is wrong (the CLI maps it to a usage error). */
export class PolicyError extends Error {
  override name = 'PolicyError';
}
