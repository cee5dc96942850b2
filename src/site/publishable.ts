/**
 * The gate every publishing path goes through: a value is published only if
 * it is a ProtectedRelease made by disclosure control and its audit passed.
 */
import { isProtected, type ProtectedRelease } from '../core/disclosure/release.js';

/** Thrown when something that is not a passed, protected release reaches publishing. */
export class NotPublishableError extends Error {
  override name = 'NotPublishableError';
}

export function assertPublishable(release: ProtectedRelease): void {
  // The brand is a compile-time promise; this checks at run time that the value came from protect() or readRelease().
  if (!isProtected(release)) {
    throw new NotPublishableError('Refusing to publish: this is not a protected release (only protect() or readRelease() make one).');
  }
  const audit = release.audit;
  if (!audit.passed || audit.derivable.length > 0) {
    const first = audit.derivable[0];
    throw new NotPublishableError(
      first
        ? `Refusing to publish: the disclosure audit failed: cell ${first.cell} of table ${first.table} can be worked out (${first.why}).`
        : 'Refusing to publish: the disclosure audit failed.',
    );
  }
}
