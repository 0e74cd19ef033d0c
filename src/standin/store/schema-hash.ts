import { createHash } from 'node:crypto';

/**
 * Serialises like Python's `json.dumps(value, sort_keys=True)` with the
 * default separators (`', '` and `': '`) and ASCII escaping, so the md5 of
 * the result matches what the Python client computes for its schema cache
 * (protocol 1.7, 9.2).
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    return pythonFloat(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(comparePython);
    return `{${keys.map((k) => `${pythonString(k)}: ${pythonJsonDumps((value as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return pythonString(String(value));
}

/** Python sorts str keys by code point; JS sort compares UTF-16 units (same for the BMP). */
function comparePython(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pythonFloat(value: number): string {
  // Python repr: shortest round-trip, like JS, but keeps ".0" and uses e+XX exponents.
  let text = String(value);
  if (/e/.test(text)) {
    const [mantissa, exponent] = text.split('e') as [string, string];
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    text = `${mantissa}e${sign}${digits}`;
  }
  return text;
}

function pythonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || (code > 0x7e && code <= 0xffff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code > 0xffff) {
      const v = code - 0x10000;
      out += `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** md5 hex of the Python serialisation of the schemas. */
export function schemaHash(schemas: readonly unknown[]): string {
  return createHash('md5').update(pythonJsonDumps(schemas)).digest('hex');
}
