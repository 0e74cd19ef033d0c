import type { ScalarKind } from './model.js';
import { StoreValidationError } from './errors.js';

/**
 * Conversions between wire values (protocol 1.3), SQLite values and query
 * literals. Datetimes are stored as naive UTC text `YYYY-MM-DDTHH:MM:SS`
 * (fractional seconds kept when given), so text comparison orders them.
 */

/** Normalises an ISO datetime or date string to naive UTC, or undefined if it is not one. */
export function normaliseDatetime(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!match) return undefined;
  const [, date, time, fraction, zone] = match;
  const hms = time ? (time.length === 5 ? `${time}:00` : time) : '00:00:00';
  if (!zone || zone.toUpperCase() === 'Z' || /^[+-]00:?00$/.test(zone)) {
    const ms = fraction && !/^\.0+$/.test(fraction) ? fraction.slice(0, 7) : '';
    return `${date}T${hms}${ms}`;
  }
  const parsed = new Date(`${date}T${hms}${fraction ?? ''}${zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  const iso = parsed.toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, -1);
}

/** Current time as stored (naive UTC, whole seconds). */
export function nowDatetime(): string {
  return new Date().toISOString().slice(0, 19);
}

/** Converts a wire value of attribute `name` into what SQLite stores. */
export function toStorage(kind: ScalarKind, value: unknown, name: string, entityType: string): unknown {
  if (value === null || value === undefined) return null;
  const tagged = typeof value === 'object' && value !== null && '__type__' in value ? (value as { __type__: unknown; value: unknown }) : undefined;
  switch (kind) {
    case 'datetime': {
      const text = tagged ? tagged.value : value;
      if (typeof text !== 'string') throw new StoreValidationError(`Attribute ${name} of ${entityType} must be a datetime, got ${JSON.stringify(value)}.`);
      const normal = normaliseDatetime(text);
      if (!normal) throw new StoreValidationError(`Attribute ${name} of ${entityType} must be an ISO 8601 datetime, got "${text}".`);
      return normal;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 'true' || value === 'True' || value === 1 || value === '1') return 1;
      if (value === 'false' || value === 'False' || value === 0 || value === '0') return 0;
      throw new StoreValidationError(`Attribute ${name} of ${entityType} must be a boolean, got ${JSON.stringify(value)}.`);
    case 'integer':
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new StoreValidationError(`Attribute ${name} of ${entityType} must be a number, got ${JSON.stringify(value)}.`);
      return kind === 'integer' ? Math.trunc(n) : n;
    }
    case 'object':
    case 'variable':
      return JSON.stringify(tagged && kind === 'variable' ? tagged.value : value);
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'string':
      // JS clients turn timestamp-looking strings into datetime objects (protocol 1.3): undo that.
      if (tagged) return String(tagged.value);
      if (typeof value === 'object') throw new StoreValidationError(`Attribute ${name} of ${entityType} must be a string, got ${Array.isArray(value) ? 'a list' : 'an object'}.`);
      return typeof value === 'string' ? value : String(value);
  }
}

/** Converts a stored value into its wire form. */
export function fromStorage(kind: ScalarKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'datetime':
      return { __type__: 'datetime', value: String(value) };
    case 'boolean':
      return value === 1 || value === true || value === '1';
    case 'object':
    case 'variable':
      try {
        return JSON.parse(String(value)) as unknown;
      } catch {
        return value;
      }
    default:
      return value;
  }
}

/** Converts a query literal (already unquoted text, or null) for comparison with a column. */
export function literalToStorage(kind: ScalarKind, literal: string | null, quoted: boolean): unknown {
  if (literal === null) return null;
  switch (kind) {
    case 'boolean': {
      const lower = literal.toLowerCase();
      if (lower === 'true' || lower === '1') return 1;
      if (lower === 'false' || lower === '0') return 0;
      return literal;
    }
    case 'integer':
    case 'number': {
      const n = Number(literal);
      return literal.trim() !== '' && Number.isFinite(n) ? n : literal;
    }
    case 'datetime':
      return normaliseDatetime(literal) ?? literal;
    case 'variable':
      return quoted ? JSON.stringify(literal) : literal;
    default:
      return literal;
  }
}
