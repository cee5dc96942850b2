/** The one govuk-frontend function the explorer's script calls (the package ships no types for its ES module). */
declare module 'govuk-frontend' {
  export function initAll(config?: Record<string, unknown>): void;
}
