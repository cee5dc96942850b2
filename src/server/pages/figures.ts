/**
 * How the explorer writes the service's figures: perturbed counts, shares,
 * and the GSS symbols ([u] low reliability, still shown; [z] not applicable).
 */
import { formatCount, formatShare } from '../../site/format.js';

export { formatCount, formatShare };

export function shareText(value: number | null | undefined, symbol?: string): string {
  if (value === null || value === undefined) return symbol ?? '[z]';
  return symbol === '[u]' ? `${formatShare(value)} [u]` : formatShare(value);
}

export function relatedText(related: boolean | null): string {
  return related === null ? 'Not known' : related ? 'Yes' : 'No';
}

export const SYMBOL_KEY: Array<[string, string]> = [
  ['[u]', 'low reliability: the share is worked out from a small base, so read it with care'],
  ['[z]', 'not applicable: there is nobody to take a share of'],
];
