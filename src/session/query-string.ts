/**
 * A string literal of the ftrack query language: double-quoted, with `\` and
 * `"` escaped, so the value cannot end the literal and add clauses. No
 * imports (browser-safe): the Session's `formatQueryValue`, the stand-in
 * server and its web page all quote through it.
 */
export function quoteQueryString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}
