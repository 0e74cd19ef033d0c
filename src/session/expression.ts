import { DateOnly } from './codec.js';
import { Entity } from './entity.js';
import { quoteQueryString } from './query-string.js';

/**
 * Formats a value for a query expression, as the clients write them: strings
 * double-quoted (with `"` and `\` escaped), `None`, `True`/`False`, numbers
 * bare, datetimes as quoted `YYYY-MM-DDTHH:MM:SS` in UTC (the Python `ensure`
 * strips microseconds and the zone), entities by their single primary key.
 */
export function formatQueryValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return quoteQueryString(value.toISOString().slice(0, 19));
  if (value instanceof DateOnly) return quoteQueryString(value.value);
  if (value instanceof Entity) {
    const values = Object.values(value.primaryKey);
    return formatQueryValue(values.length === 1 ? values[0] : values.join(','));
  }
  return quoteQueryString(String(value));
}

/** `a is "x" and b is "y"` for attribute names (e.g. a primary key) and their values. */
export function keyCriteria(names: readonly string[], values: readonly unknown[]): string {
  return names.map((name, i) => `${name} is ${formatQueryValue(values[i])}`).join(' and ');
}
