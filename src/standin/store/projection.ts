import type { Statement } from 'better-sqlite3';
import type { EntityRecord } from '../context.js';
import type { CollectionInfo, EntityModel, TypeInfo } from './model.js';
import { QuerySyntaxError } from './errors.js';
import { fromStorage } from './values.js';
import { q } from './query/compiler.js';
import { denseCustomAttributes } from './custom-attributes.js';
import { ContextChains, descendantIds } from './computed.js';

/**
 * Turns SQLite rows into wire entities with the requested projections.
 * Relations are loaded per path level with one `IN (…)` query for all rows
 * (not one query per row). Output is "path-based full objects" (protocol 1.4
 * [INF]): every occurrence carries the projections requested for its path.
 */

export type ProjectionTree = Map<string, ProjectionTree>;

export type Row = Record<string, unknown> & { _type: string };

/** Where statements come from: the store's cache of prepared statements (see SqliteStore.statement). */
export interface Statements {
  prepare(sql: string): Statement;
}

/** Builds absolute URLs for computed `object` attributes; see SqliteStore.urlFor. */
export type UrlFor = (kind: 'component' | 'thumbnail', id: string) => string | undefined;

/** Value of a computed `object` attribute the stand-in can derive (`thumbnail_url`, `url`), else null. */
function computedObject(info: TypeInfo, name: string, row: Row, urlFor: UrlFor | undefined): unknown {
  if (!urlFor) return null;
  let link: string | undefined;
  if (name === 'thumbnail_url' && typeof row.thumbnail_id === 'string') link = urlFor('thumbnail', row.thumbnail_id);
  else if (name === 'url' && info.name === 'ComponentLocation' && row.location_id === SERVER_LOCATION_ID && typeof row.component_id === 'string') link = urlFor('component', row.component_id);
  else if (name === 'url' && (info.name === 'JobComponent' || info.name === 'NoteComponent') && typeof row.component_id === 'string') link = urlFor('component', row.component_id);
  return link ? { url: link, value: link } : null;
}

const SERVER_LOCATION_ID = '3a372bde-05bc-11e4-8908-20c9d081909b';

const CHUNK = 500;

/** Builds the projection tree and checks every path exists on `info`. */
export function projectionTree(model: EntityModel, info: TypeInfo, paths: string[][]): ProjectionTree {
  const root: ProjectionTree = new Map();
  for (const path of paths) {
    let node = root;
    let type: TypeInfo | undefined = info;
    for (let i = 0; i < path.length; i++) {
      const name = path[i]!;
      if (type) {
        const relation: { target: string } | undefined = type.refs.get(name) ?? type.collections.get(name);
        if (!relation && !type.scalars.has(name)) {
          throw new QuerySyntaxError(`${type.name} has no attribute "${name}" (in projection "${path.join('.')}")`);
        }
        if (!relation && i < path.length - 1) {
          throw new QuerySyntaxError(`"${name}" of ${type.name} is not a relation (in projection "${path.join('.')}")`);
        }
        type = relation ? model.types.get(relation.target) : undefined;
      }
      let child = node.get(name);
      if (!child) {
        child = new Map();
        node.set(name, child);
      }
      node = child;
    }
  }
  return root;
}

/**
 * A relation projected without sub-attributes (`select metadata from …`) comes
 * back with the target's scalar default projections, which saves the clients an
 * auto-populate round trip per entity (e.g. Metadata key and value).
 */
function leafTree(target: TypeInfo, subtree: ProjectionTree): ProjectionTree {
  if (subtree.size > 0) return subtree;
  return new Map(target.defaultProjections.filter((p) => target.scalars.has(p)).map((p) => [p, new Map()]));
}

function infoFor(model: EntityModel, row: Row, fallback: TypeInfo): TypeInfo {
  return model.types.get(row._type) ?? fallback;
}

/** Every scalar attribute of a row, as returned by create/update/get. */
export function fullRecord(model: EntityModel, row: Row, fallback: TypeInfo): EntityRecord {
  const info = infoFor(model, row, fallback);
  const out: EntityRecord = { __entity_type__: info.name };
  for (const scalar of info.scalars.values()) {
    if (scalar.computed && scalar.kind === 'object') out[scalar.name] = null;
    else out[scalar.name] = fromStorage(scalar.kind, row[scalar.column]);
  }
  return out;
}

function fetchByColumn(db: Statements, table: string, column: string, values: unknown[]): Row[] {
  const rows: Row[] = [];
  const unique = [...new Set(values.filter((v) => v !== null && v !== undefined))];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const sql = `SELECT * FROM ${q(table)} WHERE ${q(column)} IN (${chunk.map(() => '?').join(', ')}) ORDER BY rowid`;
    rows.push(...(db.prepare(sql).all(...chunk) as Row[]));
  }
  return rows;
}

/** Materialises `rows` (all of type `info`'s table) with the projections of `tree`. */
export function materialise(db: Statements, model: EntityModel, info: TypeInfo, rows: Row[], tree: ProjectionTree, urlFor?: UrlFor, strict = false): EntityRecord[] {
  /** Context rows read for `link` and `ancestors`, shared by every row of this level. */
  let chains: ContextChains | undefined;
  const records: EntityRecord[] = rows.map((row) => {
    const concrete = infoFor(model, row, info);
    const out: EntityRecord = { __entity_type__: concrete.name };
    for (const pk of concrete.primaryKey) out[pk] = row[pk] ?? null;
    for (const name of strict ? [] : concrete.systemProjections) {
      const scalar = concrete.scalars.get(name)!;
      out[name] = fromStorage(scalar.kind, row[scalar.column]);
    }
    return out;
  });
  for (const [name, subtree] of tree) {
    const refTargets = new Map<string, { rows: number[]; target: TypeInfo; column: string }>();
    const collTargets = new Map<string, { target: TypeInfo; backColumn: string | undefined }>();
    const treeIds = new Map<number, string[]>();
    const throughTargets = new Map<string, { target: TypeInfo; through: NonNullable<CollectionInfo['through']> }>();
    rows.forEach((row, index) => {
      const concrete = infoFor(model, row, info);
      const scalar = concrete.scalars.get(name);
      if (scalar) {
        if (name === 'link') records[index]![name] = (chains ??= new ContextChains(db)).link(concrete, row) ?? fromStorage(scalar.kind, row[scalar.column]);
        else records[index]![name] = scalar.computed && scalar.kind === 'object' ? computedObject(concrete, name, row, urlFor) : fromStorage(scalar.kind, row[scalar.column]);
        return;
      }
      const ref = concrete.refs.get(name);
      if (ref) {
        const target = model.types.get(ref.target);
        if (!target) return;
        const key = `${ref.target}|${ref.column}`;
        const entry = refTargets.get(key) ?? { rows: [], target, column: ref.column };
        entry.rows.push(index);
        refTargets.set(key, entry);
        records[index]![name] = null;
        return;
      }
      const collection = concrete.collections.get(name);
      if (collection && concrete.table === 'Context' && (name === 'ancestors' || name === 'descendants')) {
        treeIds.set(index, name === 'ancestors' ? (chains ??= new ContextChains(db)).ancestorIds(row) : descendantIds(db, row));
        records[index]![name] = [];
        return;
      }
      if (collection?.through) {
        const target = model.types.get(collection.target);
        if (target) throughTargets.set(`${collection.target}|${collection.through.table}|${collection.through.ownerColumn}`, { target, through: collection.through });
        records[index]![name] = [];
        return;
      }
      if (collection) {
        const target = model.types.get(collection.target);
        if (target) collTargets.set(`${collection.target}|${collection.backColumn ?? ''}`, { target, backColumn: collection.backColumn });
        records[index]![name] = [];
      }
    });
    for (const { rows: indexes, target, column } of refTargets.values()) {
      const pk = target.primaryKey[0]!;
      const related = fetchByColumn(db, target.table, pk, indexes.map((i) => rows[i]![column]));
      const byId = new Map<unknown, EntityRecord>();
      const materialised = materialise(db, model, target, related, leafTree(target, subtree), urlFor, strict);
      related.forEach((r, i) => byId.set(r[pk], materialised[i]!));
      for (const i of indexes) records[i]![name] = byId.get(rows[i]![column]) ?? null;
    }
    for (const { target, through } of throughTargets.values()) {
      const ownerKey = info.primaryKey[0]!;
      const links = fetchByColumn(db, through.table, through.ownerColumn, rows.map((r) => r[ownerKey]));
      const pk = target.primaryKey[0]!;
      const related = fetchByColumn(db, target.table, pk, links.map((l) => l[through.memberColumn]));
      const materialised = materialise(db, model, target, related, leafTree(target, subtree), urlFor, strict);
      const byId = new Map<unknown, EntityRecord>(related.map((r, i) => [r[pk], materialised[i]!]));
      rows.forEach((row, i) => {
        const collection = infoFor(model, row, info).collections.get(name);
        if (collection?.through?.table !== through.table || collection.target !== target.name) return;
        records[i]![name] = links
          .filter((l) => l[through.ownerColumn] === row[ownerKey])
          .map((l) => byId.get(l[through.memberColumn]))
          .filter((r): r is EntityRecord => r !== undefined);
      });
    }
    const typedContext = model.types.get('TypedContext');
    if (treeIds.size > 0 && typedContext) {
      const related = fetchByColumn(db, 'Context', 'id', [...treeIds.values()].flat());
      const materialised = materialise(db, model, typedContext, related, leafTree(typedContext, subtree), urlFor, strict);
      const byId = new Map<unknown, EntityRecord>(related.map((r, i) => [r.id, materialised[i]!]));
      for (const [index, ids] of treeIds) records[index]![name] = ids.map((id) => byId.get(id)).filter((r): r is EntityRecord => r !== undefined);
    }
    for (const { target, backColumn } of collTargets.values()) {
      if (!backColumn) continue;
      const ownerKey = info.primaryKey[0]!;
      if (name === 'custom_attributes' && target.table === 'CustomAttributeValue') {
        const withValue: ProjectionTree = new Map([['key', new Map()], ['value', new Map()], ...subtree]);
        const related = fetchByColumn(db, target.table, backColumn, rows.map((r) => r[ownerKey]));
        const materialised = materialise(db, model, target, related, withValue, urlFor);
        denseCustomAttributes(
          db,
          model,
          rows.map((row, i) => ({ row, info: infoFor(model, row, info), record: records[i]! })),
          related.map((row, i) => ({ row, record: materialised[i]! })),
        );
        continue;
      }
      const related = fetchByColumn(db, target.table, backColumn, rows.map((r) => r[ownerKey]));
      const materialised = materialise(db, model, target, related, leafTree(target, subtree), urlFor, strict);
      const byOwner = new Map<unknown, EntityRecord[]>();
      related.forEach((r, i) => {
        const list = byOwner.get(r[backColumn]) ?? [];
        list.push(materialised[i]!);
        byOwner.set(r[backColumn], list);
      });
      rows.forEach((row, i) => {
        const concrete = infoFor(model, row, info);
        const collection = concrete.collections.get(name);
        if (collection && collection.target === target.name && collection.backColumn === backColumn) {
          records[i]![name] = byOwner.get(row[ownerKey]) ?? [];
        }
      });
    }
  }
  return records;
}
