import { createHash } from 'node:crypto';

/**
 * Byte-exact renderings of two Python behaviours the wire depends on:
 * `json.dumps(value, sort_keys=True)` (for `schema_hash`) and `repr()` (for
 * the cache keys of `StringKeyMaker`).
 */

/** Strings json.dumps leaves as they are (printable ASCII, no quote or backslash). */
const PLAIN = /^[ !#-[\]-~]*$/;
const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_ALL = /[\u007f-\uffff]/g;
const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON text with DEL and non-ASCII characters as `\uXXXX` escapes, as Python's `ensure_ascii`. */
export function asciiOnly(json: string): string {
  return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, escapeChar) : json;
}

function pyJsonString(text: string): string {
  // json.dumps with ensure_ascii=True escapes everything outside space..tilde;
  // JSON.stringify already escapes quotes, backslashes and control characters
  // the same way (\n, \t, \u001f…), so only DEL and non-ASCII remain.
  if (PLAIN.test(text)) return `"${text}"`;
  return asciiOnly(JSON.stringify(text));
}

function pyNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const text = String(value);
  // Python float repr: 1e+20 -> 1e+20, 1.5e-7 -> 1.5e-07
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Appends the Python rendering of `value` to `out` (one growing string: no per-level arrays). */
function dumpInto(value: unknown, out: string): string {
  if (value === null || value === undefined) return out + 'null';
  switch (typeof value) {
    case 'boolean':
      return out + (value ? 'true' : 'false');
    case 'number':
      return out + pyNumber(value);
    case 'string':
      return out + pyJsonString(value);
    case 'object': {
      if (Array.isArray(value)) {
        out += '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ', ';
          out = dumpInto(value[i], out);
        }
        return out + ']';
      }
      // Default sort: UTF-16 code unit order, as the comparison of Python str
      // for keys without astral characters.
      const keys = Object.keys(value).sort();
      out += '{';
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out += ', ';
        out = dumpInto((value as Record<string, unknown>)[keys[i]!], out + pyJsonString(keys[i]!) + ': ');
      }
      return out + '}';
    }
    default:
      return out + pyJsonString(String(value));
  }
}

/** `json.dumps(value, sort_keys=True)` with Python's default separators. */
export function pythonJsonDumps(value: unknown): string {
  return dumpInto(value, '');
}

/** md5 hex of {@link pythonJsonDumps}: the server's `schema_hash`. */
export function schemaHash(schemas: unknown): string {
  // The rendering is ASCII only (ensure_ascii), so latin1 and utf8 bytes are the same.
  return createHash('md5').update(pythonJsonDumps(schemas), 'latin1').digest('hex');
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
