import { createHash } from 'node:crypto';

/**
 * Byte-exact renderings of two Python behaviours the wire depends on:
 * `json.dumps(value, sort_keys=True)` (for `schema_hash`) and `repr()` (for
 * the cache keys of `StringKeyMaker`).
 */

function pyJsonString(text: string): string {
  // json.dumps with ensure_ascii=True escapes everything outside space..tilde;
  // JSON.stringify already escapes quotes, backslashes and control characters
  // the same way (\n, \t, \u001f…), so only DEL and non-ASCII remain.
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pyNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const text = String(value);
  // Python float repr: 1e+20 -> 1e+20, 1.5e-7 -> 1.5e-07
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** `json.dumps(value, sort_keys=True)` with Python's default separators. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyJsonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${pyJsonString(k)}: ${pythonJsonDumps((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return pyJsonString(String(value));
}

/** md5 hex of {@link pythonJsonDumps}: the server's `schema_hash`. */
export function schemaHash(schemas: unknown): string {
  return createHash('md5').update(pythonJsonDumps(schemas), 'utf8').digest('hex');
}

/** Python 3 `repr()` of a str. */
function pyReprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** A tuple for {@link pythonRepr} (JS arrays render as Python lists). */
export class PyTuple {
  readonly items: readonly unknown[];
  constructor(items: readonly unknown[]) {
    this.items = items;
  }
}

/** Python 3 `repr()` of JSON-like values; arrays are lists, {@link PyTuple} tuples. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyNumber(value);
  if (typeof value === 'string') return pyReprString(value);
  if (value instanceof PyTuple) {
    const inner = value.items.map(pythonRepr);
    return inner.length === 1 ? `(${inner[0]},)` : `(${inner.join(', ')})`;
  }
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${pyReprString(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return pyReprString(String(value));
}
