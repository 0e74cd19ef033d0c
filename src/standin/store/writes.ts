import { randomUUID } from 'node:crypto';
import type { EntityRecord, StandinUser } from '../context.js';
import type { CollectionInfo, TypeInfo } from './model.js';
import { DuplicateEntityError, StoreValidationError } from './errors.js';
import { fullRecord, type Row } from './projection.js';
import { q } from './query/compiler.js';
import type { SqliteStore } from './sqlite-store.js';
import { fromStorage, nowDatetime, toStorage } from './values.js';

/**
 * Create, update and delete of one entity (run inside the store's
 * transaction). Creates resolve references to foreign keys, generate ids,
 * apply schema defaults and fill the discriminators the server owns.
 */

const ABSTRACT = new Set(['Context', 'TypedContext']);

const SYSTEM_TYPES: Record<string, string> = {
  FileComponent: 'file',
  SequenceComponent: 'sequence',
  ContainerComponent: 'container',
};

/** Id carried by a reference value: an entity payload/reference or a bare id. */
function referenceId(value: unknown, target: TypeInfo | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const pk = target?.primaryKey[0] ?? 'id';
    const id = (value as Record<string, unknown>)[pk];
    if (id !== undefined && id !== null) return String(id);
  }
  return undefined;
}

/** Applies attribute values of `data` to `columns`; returns the collections to apply after the write. */
function applyData(store: SqliteStore, info: TypeInfo, data: Record<string, unknown>, columns: Map<string, unknown>): [string, unknown][] {
  const collections: [string, unknown][] = [];
  for (const [name, value] of Object.entries(data)) {
    if (name === '__entity_type__') continue;
    const scalar = info.scalars.get(name);
    if (scalar) {
      if (scalar.computed) continue;
      columns.set(scalar.column, toStorage(scalar.kind, value, name, info.name));
      continue;
    }
    const ref = info.refs.get(name);
    if (ref) {
      const id = referenceId(value, store.model.types.get(ref.target));
      if (id === undefined) throw new StoreValidationError(`Attribute ${name} of ${info.name} must be a reference to a ${ref.target} (an object with its primary key) or null.`);
      // An explicit foreign key in the same payload wins over the reference.
      if (!(ref.fkAttribute && ref.fkAttribute in data)) columns.set(ref.column, id);
      continue;
    }
    if (info.collections.has(name)) collections.push([name, value]);
  }
  return collections;
}

/** References that may point at an entity of any type: table → attribute names. */
const POLYMORPHIC: Record<string, readonly string[]> = {
  Metadata: ['parent_id'],
  Note: ['parent_id'],
  CustomAttributeValue: ['entity_id'],
};

/** Tables looked in first for a polymorphic reference (most references point there). */
const LIKELY_TABLES = ['Context', 'Component', 'AssetVersion', 'Asset', 'Resource', 'List'];

/** Whether a row of `target` with this id exists (component kinds are one family: a container may be a sequence). */
function referencedRowExists(store: SqliteStore, target: TypeInfo, id: string): boolean {
  const pk = q(target.primaryKey[0]!);
  if (target.table === 'Component' || target.members.length === 0) {
    return store.statement(`SELECT 1 FROM ${q(target.table)} WHERE ${pk} = ?`).get(id) !== undefined;
  }
  const sql = `SELECT 1 FROM ${q(target.table)} WHERE ${pk} = ? AND "_type" IN (${target.members.map(() => '?').join(', ')})`;
  return store.statement(sql).get(id, ...target.members) !== undefined;
}

function anyRowExists(store: SqliteStore, id: string): boolean {
  const tables = [...store.model.tables.values()].filter((t) => t.primaryKey.length === 1 && t.primaryKey[0] === 'id');
  tables.sort((a, b) => rank(a.name) - rank(b.name));
  return tables.some((t) => store.statement(`SELECT 1 FROM ${q(t.name)} WHERE "id" = ?`).get(id) !== undefined);
}

function rank(table: string): number {
  const index = LIKELY_TABLES.indexOf(table);
  return index === -1 ? LIKELY_TABLES.length : index;
}

/**
 * Checks that every reference a create/update payload sets (the columns from
 * `applyData`) points at an existing row: SQLite's own foreign keys are off,
 * because the schema's relations are not all expressible as constraints.
 * Rows created earlier in the same transaction (batch) count.
 */
function checkReferences(store: SqliteStore, info: TypeInfo, columns: Map<string, unknown>): void {
  for (const ref of info.refs.values()) {
    const value = columns.get(ref.column);
    if (value === undefined || value === null) continue;
    const target = store.model.types.get(ref.target);
    if (!target || target.primaryKey.length !== 1 || !store.model.tables.has(target.table)) continue;
    if (!referencedRowExists(store, target, String(value))) {
      throw new StoreValidationError(
        `Attribute ${ref.fkAttribute ?? ref.name} of ${info.name} refers to ${ref.target} ${String(value)}, which does not exist; create it first (earlier in the same batch is fine) or fix the id.`,
      );
    }
  }
  for (const name of POLYMORPHIC[info.table] ?? []) {
    const value = columns.get(name);
    if (value === undefined || value === null || !info.scalars.has(name)) continue;
    if (!anyRowExists(store, String(value))) {
      throw new StoreValidationError(`Attribute ${name} of ${info.name} refers to entity ${String(value)}, which does not exist; create it first (earlier in the same batch is fine) or fix the id.`);
    }
  }
}

function firstId(store: SqliteStore, target: TypeInfo): unknown {
  const members = target.members;
  const sql = `SELECT ${q(target.primaryKey[0]!)} AS id FROM ${q(target.table)} WHERE "_type" IN (${members.map(() => '?').join(', ')}) ORDER BY rowid LIMIT 1`;
  return (store.statement(sql).get(...members) as { id: unknown } | undefined)?.id;
}

/** Server-owned values: discriminators, derived keys and fallbacks for required attributes. */
function fillServerValues(store: SqliteStore, info: TypeInfo, columns: Map<string, unknown>, user: StandinUser | undefined): void {
  const set = (name: string, value: unknown): void => {
    if (info.scalars.has(name) && (columns.get(name) === undefined || columns.get(name) === null)) columns.set(name, value);
  };
  if (info.table === 'Context') {
    columns.set('context_type', info.name === 'Project' ? 'show' : 'task');
    if (info.objectTypeId) columns.set('object_type_id', info.objectTypeId);
    if (info.name === 'Project') {
      set('status', 'active');
      set('full_name', columns.get('name'));
    } else if (columns.get('project_id') === undefined && typeof columns.get('parent_id') === 'string') {
      const parent = store.statement('SELECT "_type", "id", "project_id" FROM "Context" WHERE "id" = ?').get(columns.get('parent_id')) as Row | undefined;
      if (parent) columns.set('project_id', parent._type === 'Project' ? parent.id : parent.project_id);
    }
  }
  if (SYSTEM_TYPES[info.name]) columns.set('system_type', SYSTEM_TYPES[info.name]);
  if (info.name === 'User') set('resource_type', 'user');
  if (info.name === 'Group') set('resource_type', 'group');
  if (info.name === 'AssetVersion' && columns.get('version') == null && typeof columns.get('asset_id') === 'string') {
    const row = store.statement('SELECT MAX("version") AS v FROM "AssetVersion" WHERE "asset_id" = ?').get(columns.get('asset_id')) as { v: number | null };
    columns.set('version', (row.v ?? 0) + 1);
  }
  set('created_at', nowDatetime());
  if (info.name === 'AssetVersion' || info.name === 'Job') set('date', nowDatetime());
  if (user) {
    set('created_by_id', user.id);
    if (info.name === 'AssetVersion' || info.name === 'Job' || info.name === 'Note' || info.name === 'Timelog') set('user_id', user.id);
  }
  for (const name of info.required) {
    const scalar = info.scalars.get(name);
    if (!scalar || (columns.get(scalar.column) !== undefined && columns.get(scalar.column) !== null)) continue;
    if (scalar.kind === 'number' || scalar.kind === 'integer') columns.set(scalar.column, 0);
    // `is_active` (User, Status) has no schema default; a new row is active, other flags are off.
    else if (scalar.kind === 'boolean') columns.set(scalar.column, name === 'is_active' ? 1 : 0);
    else {
      const ref = [...info.refs.values()].find((r) => r.fkAttribute === name);
      const target = ref ? store.model.types.get(ref.target) : undefined;
      const id = target ? firstId(store, target) : undefined;
      if (id !== undefined) columns.set(scalar.column, id);
    }
  }
}

/** Membership of a many-to-many collection: link rows (owner, member). */
function applyThrough(store: SqliteStore, through: NonNullable<CollectionInfo['through']>, ownerId: unknown, memberIds: string[], replace: boolean): void {
  const { table, ownerColumn, memberColumn, linkType } = through;
  if (replace) {
    const keep = memberIds.length > 0 ? ` AND ${q(memberColumn)} NOT IN (${memberIds.map(() => '?').join(', ')})` : '';
    store.statement(`DELETE FROM ${q(table)} WHERE ${q(ownerColumn)} = ?${keep}`).run(ownerId, ...memberIds);
  }
  const link = store.model.types.get(linkType)!;
  for (const memberId of memberIds) {
    if (store.statement(`SELECT 1 FROM ${q(table)} WHERE ${q(ownerColumn)} = ? AND ${q(memberColumn)} = ?`).get(ownerId, memberId)) continue;
    const columns: [string, unknown][] = [['_type', linkType], [ownerColumn, ownerId], [memberColumn, memberId]];
    if (link.primaryKey.includes('id')) columns.push(['id', randomUUID()]);
    store.statement(`INSERT INTO ${q(table)} (${columns.map(([c]) => q(c)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map(([, v]) => v));
  }
}

function applyCollections(store: SqliteStore, info: TypeInfo, id: unknown, collections: [string, unknown][], replace: boolean): void {
  for (const [name, value] of collections) {
    const collection = info.collections.get(name)!;
    const target = store.model.types.get(collection.target);
    if (collection.through && target && Array.isArray(value)) {
      applyThrough(store, collection.through, id, value.map((item) => referenceId(item, target)).filter((v): v is string => typeof v === 'string'), replace);
      continue;
    }
    if (!collection.backColumn || !target || !Array.isArray(value)) continue;
    const pk = target.primaryKey[0]!;
    const ids = value.map((item) => referenceId(item, target)).filter((v): v is string => typeof v === 'string');
    const backIsKey = target.primaryKey.includes(collection.backColumn);
    if (backIsKey) continue; // mapped rows (metadata, custom attributes) are written as their own entities
    for (const memberId of ids) {
      store.statement(`UPDATE ${q(target.table)} SET ${q(collection.backColumn)} = ? WHERE ${q(pk)} = ?`).run(id, memberId);
    }
    if (replace) {
      const keep = ids.length > 0 ? ` AND ${q(pk)} NOT IN (${ids.map(() => '?').join(', ')})` : '';
      store.statement(`UPDATE ${q(target.table)} SET ${q(collection.backColumn)} = NULL WHERE ${q(collection.backColumn)} = ?${keep}`).run(id, ...ids);
    }
  }
}

function wireChanges(info: TypeInfo, before: Row | undefined, after: Row | undefined): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const scalar of info.scalars.values()) {
    if (scalar.computed && scalar.kind === 'object') continue;
    const oldValue = before?.[scalar.column] ?? null;
    const newValue = after?.[scalar.column] ?? null;
    if (oldValue !== newValue) changes[scalar.name] = { old: fromStorage(scalar.kind, oldValue), new: fromStorage(scalar.kind, newValue) };
  }
  return changes;
}

/** Keeps the derived `Asset.latest_version` and `AssetVersion.is_latest_version` in step with the versions of an asset. */
function refreshLatestVersion(store: SqliteStore, assetId: unknown): void {
  if (typeof assetId !== 'string' || !store.model.tables.get('Asset')?.columns.has('_latest_version_id')) return;
  const latest = store.statement('SELECT "id" FROM "AssetVersion" WHERE "asset_id" = ? ORDER BY "version" DESC, rowid DESC LIMIT 1').get(assetId) as { id: string } | undefined;
  store.statement('UPDATE "Asset" SET "_latest_version_id" = ? WHERE "id" = ?').run(latest?.id ?? null, assetId);
  store.statement('UPDATE "AssetVersion" SET "is_latest_version" = ("id" IS ?) WHERE "asset_id" = ?').run(latest?.id ?? null, assetId);
}

export function writeCreate(store: SqliteStore, info: TypeInfo, data: Record<string, unknown>, user: StandinUser | undefined): EntityRecord {
  if (ABSTRACT.has(info.name)) throw new StoreValidationError(`Cannot create a ${info.name}: it is abstract; create a concrete type such as Task or Shot.`);
  const columns = new Map<string, unknown>();
  const collections = applyData(store, info, data, columns);
  checkReferences(store, info, columns);
  for (const scalar of info.scalars.values()) {
    if (columns.has(scalar.column) || scalar.default === undefined || scalar.computed) continue;
    columns.set(scalar.column, scalar.default === '{uid}' ? randomUUID() : toStorage(scalar.kind, scalar.default, scalar.name, info.name));
  }
  fillServerValues(store, info, columns, user);
  if (info.table === 'CustomAttributeValue' && info.scalars.has('key') && columns.get('key') == null && store.model.tables.has('CustomAttributeConfiguration')) {
    const config = store.statement('SELECT "key" FROM "CustomAttributeConfiguration" WHERE "id" = ?').get(columns.get('configuration_id')) as { key: string } | undefined;
    if (config) columns.set('key', config.key);
  }
  for (const name of info.required) {
    const scalar = info.scalars.get(name);
    if (scalar && (columns.get(scalar.column) === undefined || columns.get(scalar.column) === null)) {
      throw new StoreValidationError(`Attribute ${name} is required for ${info.name}.`);
    }
  }
  const keyValues = info.primaryKey.map((k) => columns.get(k));
  if (keyValues.some((v) => v === undefined || v === null)) throw new StoreValidationError(`Primary key ${info.primaryKey.join(', ')} is required for ${info.name}.`);
  if (store.findRow(store.model.types.get(info.table) ?? info, keyValues.map(String))) {
    throw new DuplicateEntityError(`${info.name} with ${info.primaryKey.map((k, i) => `${k}=${String(keyValues[i])}`).join(', ')} already exists.`);
  }
  const names = ['_type', ...columns.keys()];
  const sql = `INSERT INTO ${q(info.table)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  store.statement(sql).run(info.name, ...columns.values());
  const row = store.findRow(info, keyValues.map(String))!;
  applyCollections(store, info, row[info.primaryKey[0]!], collections, false);
  store.recordChange({ action: 'add', entityType: info.name, entityId: keyValues.map(String).join(','), changes: wireChanges(info, undefined, row), ...(user ? { user } : {}) });
  if (info.name === 'AssetVersion') {
    refreshLatestVersion(store, row.asset_id);
    return fullRecord(store.model, store.findRow(info, keyValues.map(String))!, info);
  }
  return fullRecord(store.model, row, info);
}

export function writeUpdate(store: SqliteStore, info: TypeInfo, key: string[], data: Record<string, unknown>, user: StandinUser | undefined): EntityRecord {
  const before = store.findRow(info, key);
  if (!before) {
    // Custom attribute values are dense on the wire: an update of a missing row is an upsert (protocol 9.6).
    if (info.table === 'CustomAttributeValue') {
      const keyed = Object.fromEntries(info.primaryKey.map((k, i) => [k, key[i]]));
      return writeCreate(store, info, { ...data, ...keyed }, user);
    }
    return store.notFound(info, key);
  }
  const concrete = store.model.types.get(before._type) ?? info;
  const columns = new Map<string, unknown>();
  const collections = applyData(store, concrete, data, columns);
  checkReferences(store, concrete, columns);
  for (const pk of concrete.primaryKey) {
    if (columns.has(pk) && String(columns.get(pk)) !== String(before[pk])) throw new StoreValidationError(`Attribute ${pk} of ${concrete.name} is immutable.`);
    columns.delete(pk);
  }
  if (columns.size > 0) {
    const sql = `UPDATE ${q(info.table)} SET ${[...columns.keys()].map((c) => `${q(c)} = ?`).join(', ')} WHERE rowid = ?`;
    store.statement(sql).run(...columns.values(), before._rowid);
  }
  applyCollections(store, concrete, before[concrete.primaryKey[0]!], collections, true);
  if (concrete.name === 'AssetVersion' && (columns.has('version') || columns.has('asset_id'))) {
    refreshLatestVersion(store, before.asset_id);
    refreshLatestVersion(store, columns.get('asset_id'));
  }
  const after = store.findRow(info, key)!;
  const changes = wireChanges(concrete, before, after);
  if (Object.keys(changes).length > 0) {
    store.recordChange({ action: 'update', entityType: concrete.name, entityId: key.join(','), changes, ...(user ? { user } : {}) });
  }
  return fullRecord(store.model, after, info);
}

export function writeDelete(store: SqliteStore, info: TypeInfo, key: string[], user: StandinUser | undefined): void {
  const before = store.findRow(info, key);
  if (!before) store.notFound(info, key);
  const concrete = store.model.types.get(before._type) ?? info;
  store.statement(`DELETE FROM ${q(info.table)} WHERE rowid = ?`).run(before._rowid);
  // Mapped collections belong to their owner: remove them with it.
  if (concrete.primaryKey.length === 1) {
    const id = before[concrete.primaryKey[0]!];
    if (concrete.collections.has('metadata') && store.model.tables.has('Metadata')) store.statement('DELETE FROM "Metadata" WHERE "parent_id" = ?').run(id);
    if (concrete.collections.has('custom_attributes') && store.model.tables.has('CustomAttributeValue')) {
      store.statement('DELETE FROM "CustomAttributeValue" WHERE "entity_id" = ?').run(id);
    }
  }
  if (concrete.name === 'AssetVersion') refreshLatestVersion(store, before.asset_id);
  store.recordChange({ action: 'remove', entityType: concrete.name, entityId: key.join(','), changes: wireChanges(concrete, before, undefined), ...(user ? { user } : {}) });
}
