/**
 * The disclosure policy from the command line, the same for `protect`,
 * `publish` and `run`: a policy file (--policy, the schema of
 * src/core/disclosure/policy.ts) with flags over it.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError, UsageError } from '../core/errors.js';
import { oneOf, wholeNumber } from '../core/option-schemas.js';
import type { PTable } from '../core/disclosure/perturbation/ptable.js';
import { readPTableFile } from '../reference/ptable.js';
import { POLICY_DOCS, PolicyError, resolvePolicy, type DisclosurePolicy, type PolicyInput } from '../core/disclosure/policy.js';
import { addSchemaFlags, parseFlags, schemaFlags } from './schema-options.js';

const policyFlags = z.object({
  method: oneOf(['perturbation', 'suppression']).optional().meta({ placeholder: 'method', description: `disclosure: ${POLICY_DOCS.method}` }),
  minCount: wholeNumber(1).optional().meta({ placeholder: 'n', description: `disclosure: ${POLICY_DOCS.minCount}` }),
  roundingBase: z
    .union([wholeNumber(1), z.literal('none')], { error: "must be a whole number or 'none'" })
    .optional()
    .meta({ flag: 'rounding', placeholder: 'n|none', description: `disclosure: ${POLICY_DOCS.roundingBase}` }),
  minBase: wholeNumber(0).optional().meta({ placeholder: 'n', description: `disclosure: ${POLICY_DOCS.minBase}` }),
  protectSingletons: z.boolean().default(true).meta({ flag: 'singletons', description: 'guard against a person counted alone in a cell (not recommended to turn off)' }),
  intervalCells: wholeNumber(0).optional().meta({ flag: 'intervals', placeholder: 'n', description: `disclosure: ${POLICY_DOCS.intervalCells}` }),
});

const FLAGS = schemaFlags(policyFlags);

export function addPolicyFlags(cmd: Command): Command {
  cmd.option('--policy <file.json>', 'disclosure policy file: {"method":"perturbation","ptable":{"maxPerturbation":5,"variance":3,"forbid":2,"maxZero":0.005},"minCount":10,"roundingBase":5,"minBase":30,"protectSingletons":true,"intervalCells":200}; flags given here win');
  cmd.option('--ptable <file.csv>', 'disclosure: the perturbation table to use (written by routeways ptable) instead of the one the policy describes');
  return addSchemaFlags(cmd, FLAGS);
}

async function readPolicyFile(file: string): Promise<PolicyInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`cannot read policy file ${file}`, { file });
  }
  try {
    return JSON.parse(text) as PolicyInput;
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`, { file });
  }
}

/** A p-table file given with --ptable, read and checked (InputError naming file, line and column). */
export function ptableFromFlags(opts: Record<string, unknown>): PTable | undefined {
  return typeof opts.ptable === 'string' ? readPTableFile(opts.ptable) : undefined;
}

/**
 * The policy the flags and the policy file describe (flags win) over `base`
 * (for publishing: the cell key method); a bad value is a usage error naming it.
 */
export async function policyFromFlags(opts: Record<string, unknown>, base: PolicyInput = {}): Promise<DisclosurePolicy> {
  const flags = parseFlags(policyFlags, FLAGS, opts);
  const cli: PolicyInput = {};
  for (const [k, v] of Object.entries(flags)) if (v !== undefined && !(k === 'protectSingletons' && v === true)) (cli as Record<string, unknown>)[k] = v;
  const file = typeof opts.policy === 'string' ? await readPolicyFile(opts.policy) : undefined;
  try {
    return resolvePolicy(base, file, cli);
  } catch (e) {
    if (e instanceof PolicyError) throw new UsageError(e.message);
    throw e;
  }
}
