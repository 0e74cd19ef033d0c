import type { EntityRecord } from '../context.js';
import type { EntityModel, TypeInfo } from './model.js';
import type { Row, Statements } from './projection.js';
import { fromStorage } from './values.js';

/**
 * Dense `custom_attributes` (protocol 9.6): for a persisted entity the
 * Python client expects one value entity per applicable
 * CustomAttributeConfiguration, with the configuration default when no value
 * row exists. Without configurations the collection is an empty list.
 */

/** `CustomAttributeConfiguration.entity_type` of an entity type. */
export function configurationEntityType(info: TypeInfo): string {
  if (info.name === 'Project') return 'show';
  if (info.table === 'Context') return 'task';
  if (info.table === 'Component') return 'component';
  if (info.table === 'List') return 'list';
  return info.name.toLowerCase();
}

interface Configuration {
  id: string;
  key: string | null;
  entity_type: string | null;
  object_type_id: string | null;
  default: unknown;
}

function configurations(db: Statements, model: EntityModel): Configuration[] {
  if (!model.tables.has('CustomAttributeConfiguration')) return [];
  return db.prepare('SELECT "id", "key", "entity_type", "object_type_id", "default" FROM "CustomAttributeConfiguration" ORDER BY "sort", rowid').all() as Configuration[];
}

/**
 * Fills `records[i].custom_attributes` for the owners in `rows`, merging stored
 * value rows (already materialised in `values`) with configuration defaults.
 */
export function denseCustomAttributes(
  db: Statements,
  model: EntityModel,
  owners: { row: Row; info: TypeInfo; record: EntityRecord }[],
  values: { row: Row; record: EntityRecord }[],
): void {
  const configs = configurations(db, model);
  const byOwner = new Map<unknown, Map<unknown, EntityRecord>>();
  for (const value of values) {
    const map = byOwner.get(value.row.entity_id) ?? new Map<unknown, EntityRecord>();
    map.set(value.row.configuration_id, value.record);
    byOwner.set(value.row.entity_id, map);
  }
  for (const { row, info, record } of owners) {
    const collection = info.collections.get('custom_attributes');
    if (!collection) continue;
    const entityType = configurationEntityType(info);
    const stored = byOwner.get(row.id) ?? new Map<unknown, EntityRecord>();
    const list: EntityRecord[] = [];
    for (const config of configs) {
      if (config.entity_type !== entityType) continue;
      if (entityType === 'task' && config.object_type_id && config.object_type_id !== row.object_type_id) continue;
      const existing = stored.get(config.id);
      if (existing) {
        if (existing.key === undefined || existing.key === null) existing.key = config.key;
        list.push(existing);
      } else {
        list.push({
          __entity_type__: collection.target,
          configuration_id: config.id,
          entity_id: row.id,
          key: config.key,
          value: fromStorage('variable', config.default),
        });
      }
    }
    record.custom_attributes = list;
  }
}
