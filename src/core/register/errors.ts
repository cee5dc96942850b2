/**
 * Errors of the register's data layer that a user can act on. The CLI prints
 * them; the API maps ConflictError to 409, PermissionError to 403 and
 * RecordNotFoundError to 404.
 */
import { formatChanges, type FieldChange } from './diff.js';
import type { AccountRole, RecordKind } from './types.js';

/** Saving over a newer version: somebody else saved the record first. Nothing was written. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    readonly recordId: string,
    readonly kind: RecordKind,
    /** The version the edit was based on. */
    readonly expectedVersion: number,
    /** The version now stored. */
    readonly currentVersion: number,
    /** What changed between the two, field by field. */
    readonly changes: readonly FieldChange[],
    /** Who made the latest change, and when (ISO 8601 UTC), when known. */
    readonly changedBy: string | null,
    readonly changedAt: string | null,
  ) {
    super(conflictMessage(recordId, expectedVersion, currentVersion, changes, changedBy, changedAt));
  }
}

function conflictMessage(id: string, expected: number, current: number, changes: readonly FieldChange[], by: string | null, at: string | null): string {
  const who = by ? ` by ${by}${at ? ` at ${at.slice(0, 19).replace('T', ' ')} UTC` : ''}` : '';
  if (expected === 0) return `${id} was created${who} after you started (an import's change report, or a new record, wanted that id). Nothing was saved: look again and retry.`;
  const what = changes.length > 0 ? `: ${formatChanges(changes)}` : ' (no content changed)';
  return (
    `${id} was changed${who} after you opened it (you edited version ${expected}; it is now version ${current})${what}. ` +
    `Nothing was saved: reload ${id}, make your change again and save.`
  );
}

/** The account may not do this (a viewer writing, an editor managing accounts). Nothing was written. */
export class PermissionError extends Error {
  override name = 'PermissionError';
  constructor(
    readonly actor: string,
    readonly role: AccountRole,
    readonly action: string,
  ) {
    super(`${actor} (${role}) may not ${action}; ${role === 'viewer' ? 'an editor or admin account can' : 'an admin account can'}`);
  }
}

export class RecordNotFoundError extends Error {
  override name = 'RecordNotFoundError';
  constructor(readonly recordId: string) {
    super(`there is no record ${recordId} in the register`);
  }
}

/** A record, or a set of them, that breaks the register's rules (a missing id, a prerequisite cycle). */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
  constructor(
    readonly recordId: string,
    readonly issues: readonly { field: string; message: string }[],
  ) {
    super(`${recordId} was not saved: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ')}`);
  }
}
