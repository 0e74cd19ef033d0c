import { PyTuple, pythonRepr } from './python.js';

/**
 * Builds cache keys from values. ftrack_api equiv: cache.py KeyMaker.
 */
export interface KeyMaker {
  key(...items: unknown[]): string;
}

/**
 * Keys as the Python API's `StringKeyMaker` writes them: `str()` of the tuple
 * of items, e.g. `key('User', ['5c60'])` → `"('User', ['5c60'])"`.
 */
export class StringKeyMaker implements KeyMaker {
  key(...items: unknown[]): string {
    return pythonRepr(new PyTuple(items));
  }
}

/**
 * Deterministic keys for arbitrary JSON-like values (object keys sorted), so
 * equal arguments give equal keys. Plays the role of the Python API's
 * pickle-based `ObjectKeyMaker` (used for memoising function calls).
 */
export class ObjectKeyMaker implements KeyMaker {
  key(...items: unknown[]): string {
    return stableStringify(items);
  }
}

function stableStringify(value: unknown): string {
  if (value instanceof Date) return JSON.stringify({ $date: value.toISOString() });
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (value === undefined) return 'null';
  if (typeof value === 'bigint') return `${value}n`;
  return JSON.stringify(value);
}
