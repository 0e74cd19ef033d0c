import { encodeValue } from './codec.js';
import { NOT_SET, type Entity } from './entity.js';
import type { Operation } from './transport.js';

/**
 * Recorded operations and the commit batch built from them.
 * ftrack_api equiv: operation.py and session.py `Session.commit`.
 */
export type RecordedOperation =
  | { type: 'create'; entityType: string; entityKey: Record<string, string>; entityData: Record<string, unknown>; entity: Entity }
  | { type: 'update'; entityType: string; entityKey: Record<string, string>; attribute: string; oldValue: unknown; newValue: unknown; entity: Entity }
  | { type: 'delete'; entityType: string; entityKey: Record<string, string>; entity: Entity };

/** The operations recorded since the last commit or rollback, in order. */
export class OperationLog {
  readonly #items: RecordedOperation[] = [];

  push(operation: RecordedOperation): void {
    this.#items.push(operation);
  }
  /** Puts an operation back at the front (a failed commit restores its operations). */
  unshift(operation: RecordedOperation): void {
    this.#items.unshift(operation);
  }
  list(): readonly RecordedOperation[] {
    return [...this.#items];
  }
  clear(): void {
    this.#items.length = 0;
  }
}

interface Payload {
  action: 'create' | 'update' | 'delete';
  identity: string;
  entityType: string;
  entityKey: string[];
  data: Record<string, unknown>;
  entity: Entity;
}

function identity(type: string, key: Record<string, string>): string {
  return `${type}\u0000${Object.values(key).join('\u0000')}`;
}

/** A commit batch: the operations to send and the entity each one is about. */
export interface CommitBatch {
  operations: Operation[];
  entities: Entity[];
}

/**
 * Builds the commit batch the Python API sends:
 * 1. drop everything about entities created and deleted in the same batch;
 * 2. for repeated updates of one attribute keep the last value;
 * 3. drop NOT_SET values, and payloads left without data;
 * 4. merge consecutive updates of one entity into the previous update or the create just before.
 */
export function buildCommitBatch(recorded: Iterable<RecordedOperation>): CommitBatch {
  const list = [...recorded];
  const created = new Set<string>();
  const deleted = new Set<string>();
  for (const op of list) {
    const id = identity(op.entityType, op.entityKey);
    if (op.type === 'create') created.add(id);
    if (op.type === 'delete') deleted.add(id);
  }
  const skip = new Set([...created].filter((id) => deleted.has(id)));

  // Later updates of the same attribute win: find the last index of each.
  const lastUpdate = new Map<string, number>();
  list.forEach((op, index) => {
    if (op.type === 'update') lastUpdate.set(`${identity(op.entityType, op.entityKey)}\u0001${op.attribute}`, index);
  });

  const payloads: Payload[] = [];
  list.forEach((op, index) => {
    const id = identity(op.entityType, op.entityKey);
    if (skip.has(id)) return;
    const base = { identity: id, entityType: op.entityType, entityKey: Object.values(op.entityKey), entity: op.entity };
    if (op.type === 'create') {
      const data: Record<string, unknown> = { ...op.entityKey };
      for (const [k, v] of Object.entries(op.entityData)) if (v !== NOT_SET && v !== undefined) data[k] = v;
      payloads.push({ ...base, action: 'create', data });
    } else if (op.type === 'update') {
      if (lastUpdate.get(`${id}\u0001${op.attribute}`) !== index) return;
      if (op.newValue === NOT_SET) return;
      payloads.push({ ...base, action: 'update', data: { [op.attribute]: op.newValue } });
    } else {
      payloads.push({ ...base, action: 'delete', data: {} });
    }
  });

  const merged: Payload[] = [];
  for (const payload of payloads) {
    const previous = merged.at(-1);
    if (
      payload.action === 'update' &&
      previous &&
      previous.identity === payload.identity &&
      (previous.action === 'update' || previous.action === 'create')
    ) {
      Object.assign(previous.data, payload.data);
      continue;
    }
    if (payload.action === 'update' && Object.keys(payload.data).length === 0) continue;
    merged.push(payload);
  }

  return {
    operations: merged.map((p) => {
      if (p.action === 'delete') return { action: 'delete', entity_type: p.entityType, entity_key: p.entityKey };
      return {
        action: p.action,
        entity_type: p.entityType,
        entity_key: p.entityKey,
        entity_data: { __entity_type__: p.entityType, ...(encodeValue(p.data) as Record<string, unknown>) },
      };
    }),
    entities: merged.map((p) => p.entity),
  };
}
