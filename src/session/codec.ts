import { Entity, NOT_SET } from './entity.js';

/**
 * Value encoding of protocol section 1.3. Dates travel as
 * `{"__type__": "datetime", "value": ISO}` (we always send UTC with `Z`),
 * calendar dates as `{"__type__": "date", "value": "YYYY-MM-DD"}`, entities as
 * references `{__entity_type__, <primary key>}`.
 */

/** A calendar date without time (wire `{"__type__": "date"}`). */
export class DateOnly {
  readonly value: string;
  constructor(value: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new TypeError(`DateOnly needs YYYY-MM-DD, got ${JSON.stringify(value)}`);
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
  toJSON(): { __type__: 'date'; value: string } {
    return { __type__: 'date', value: this.value };
  }
}

/** An entity reference (what is sent for an entity nested in a value). */
export function entityReference(entity: Entity): Record<string, unknown> {
  return { __entity_type__: entity.entityType, ...entity.primaryKey };
}

/** Encodes a value for the wire. */
export function encodeValue(value: unknown): unknown {
  if (value === NOT_SET || value === undefined) return undefined;
  if (value instanceof Entity) return entityReference(value);
  if (value instanceof Date) return { __type__: 'datetime', value: value.toISOString() };
  if (value instanceof DateOnly) return value.toJSON();
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const encoded = encodeValue(v);
      if (encoded !== undefined) out[k] = encoded;
    }
    return out;
  }
  return value;
}

/**
 * Decodes a datetime sent by the server: naive values are UTC (the server
 * sends naive UTC); values with `Z` or an offset keep it.
 */
export function decodeDatetime(text: string): Date {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const date = new Date(dateOnly ? `${text}T00:00:00Z` : hasZone ? text : `${text}Z`);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Invalid datetime from server: ${JSON.stringify(text)}`);
  return date;
}

/**
 * Decodes tagged values in `value`; objects with `__entity_type__` are handed
 * to `onEntity` (which merges them into the identity map).
 */
export function decodeValue(value: unknown, onEntity: (data: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, onEntity));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj.__type__ === 'datetime' && typeof obj.value === 'string') return decodeDatetime(obj.value);
    if (obj.__type__ === 'date' && typeof obj.value === 'string') return new DateOnly(obj.value);
    if (typeof obj.__entity_type__ === 'string') return onEntity(obj);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = decodeValue(v, onEntity);
    return out;
  }
  return value;
}
