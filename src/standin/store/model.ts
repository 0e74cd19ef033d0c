/**
 * The entity model of the stand-in store, derived from `query_schemas`.
 *
 * Several schema types share one SQLite table (a "group"): every typed
 * context and `Project` live in `Context`, the component kinds in
 * `Component`, the `*CustomAttributeValue` kinds in `CustomAttributeValue`,
 * and so on. Each row carries its concrete schema id in the `_type` column,
 * so polymorphic queries return the concrete `__entity_type__`.
 */

export type ScalarKind = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'json' | 'object' | 'variable';

export interface ScalarInfo {
  name: string;
  kind: ScalarKind;
  /** SQLite column; equal to the attribute name (quoted in SQL). */
  column: string;
  default?: unknown;
  computed: boolean;
}

export interface RefInfo {
  name: string;
  target: string;
  /** Column holding the target's id (a scalar attribute or a hidden `_<name>_id` column). */
  column: string;
  /** The scalar attribute exposing that column, when there is one. */
  fkAttribute?: string;
}

export interface CollectionInfo {
  name: string;
  target: string;
  mapped: boolean;
  /** Column on the target table pointing back at this entity, when resolvable. */
  backColumn?: string;
  /** Many-to-many through a link table: owner id in `ownerColumn`, member id in `memberColumn`. */
  through?: { linkType: string; table: string; ownerColumn: string; memberColumn: string };
}

export interface TypeInfo {
  name: string;
  schema: Record<string, unknown>;
  /** SQLite table (the group). */
  table: string;
  /** Lower-case table-ish name used in `ftrack.update` events. */
  eventType: string;
  /** Concrete `_type` values a query on this type matches. */
  members: string[];
  /** True when `members` covers every type of `table` (a query needs no `_type` filter). */
  wholeTable: boolean;
  primaryKey: string[];
  scalars: Map<string, ScalarInfo>;
  refs: Map<string, RefInfo>;
  collections: Map<string, CollectionInfo>;
  required: string[];
  immutable: string[];
  defaultProjections: string[];
  systemProjections: string[];
  /** `object_typeid` classifier of typed contexts. */
  objectTypeId?: string;
}

export interface TableInfo {
  name: string;
  columns: Map<string, ScalarKind>;
  primaryKey: string[];
  /** Columns worth an index (foreign keys). */
  indexed: Set<string>;
}

export interface EntityModel {
  types: Map<string, TypeInfo>;
  tables: Map<string, TableInfo>;
}

type Schema = Record<string, unknown> & { id: string; properties: Record<string, Record<string, unknown>> };

const CONTEXT_TYPES = new Set(['Context', 'TypedContext', 'Project']);

/** The table (group) a schema type is stored in. */
function groupOf(schema: Schema, ids: Set<string>): string {
  const id = schema.id;
  const alias = schema.alias_for;
  if (CONTEXT_TYPES.has(id)) return 'Context';
  if (alias && typeof alias === 'object' && (alias as { id?: string }).id === 'Task') return 'Context';
  if (id.endsWith('Component') && ids.has('Component') && 'system_type' in schema.properties) return 'Component';
  for (const base of ['CustomAttributeValue', 'CustomAttributeLinkFrom', 'CustomAttributeLink']) {
    if (id.endsWith(base) && ids.has(base)) return base;
  }
  if (alias && typeof alias === 'object' && (alias as { id?: string }).id === 'List') return 'List';
  if ((id === 'User' || id === 'Group') && ids.has('Resource')) return 'Resource';
  return id;
}

/** Event name of a type's table, e.g. `task`, `show`, `assetversion`, `component`. */
function eventTypeOf(schema: Schema, group: string): string {
  const alias = schema.alias_for;
  if (typeof alias === 'string') return alias.toLowerCase();
  if (alias && typeof alias === 'object' && typeof (alias as { id?: unknown }).id === 'string') {
    return ((alias as { id: string }).id).toLowerCase();
  }
  if (group === 'Context') return 'context';
  if (group === 'Resource') return schema.id.toLowerCase();
  return group.toLowerCase();
}

function scalarKind(prop: Record<string, unknown>): ScalarKind | undefined {
  const type = prop.type;
  if (type === 'string') {
    if (prop.format === 'date-time') return 'datetime';
    if (prop.format === 'json') return 'json';
    return 'string';
  }
  if (type === 'integer' || type === 'number' || type === 'boolean' || type === 'object' || type === 'variable') return type;
  if (type === undefined && prop.format === 'foreign_key' && !('$ref' in prop)) return 'string';
  return undefined;
}

/** Reference attributes whose foreign key is not named `<name>_id`. */
const REF_COLUMN_OVERRIDES: Record<string, string> = {
  'Asset.parent': 'context_id',
  'Note.author': 'user_id',
  'SchemaStatus.task_status': 'status_id',
  'SchemaType.task_type': 'type_id',
  'ProjectSchema._task_workflow': 'task_workflow_schema_id',
  'ProjectSchema._version_workflow': 'asset_version_workflow_schema_id',
  'ProjectSchema._task_type_schema': 'task_type_schema_id',
};

/** Many-to-many collections: `Type.collection` or `collection` → [link type, owner column, member column]. */
const THROUGH: Record<string, [string, string, string]> = {
  'WorkflowSchema.statuses': ['WorkflowSchemaStatus', 'workflow_schema_id', 'status_id'],
  'TaskTypeSchema.types': ['TaskTypeSchemaType', 'task_type_schema_id', 'type_id'],
  'Type.task_type_schemas': ['TaskTypeSchemaType', 'type_id', 'task_type_schema_id'],
  'ProjectSchema.object_types': ['ProjectSchemaObjectType', 'project_schema_id', 'object_type_id'],
  'ObjectType.project_schemas': ['ProjectSchemaObjectType', 'object_type_id', 'project_schema_id'],
  items: ['ListObject', 'list_id', 'entity_id'],
  lists: ['ListObject', 'entity_id', 'list_id'],
};

/** Collections whose back reference cannot be inferred by type. */
const COLLECTION_OVERRIDES: Record<string, string | null> = {
  children: 'parent_id',
  members: 'container_id',
  metadata: 'parent_id',
  custom_attributes: 'entity_id',
  ancestors: null,
  descendants: null,
  uses_versions: null,
  used_in_versions: null,
  items: null,
  incoming_links: 'to_id',
  outgoing_links: 'from_id',
  replies: 'in_reply_to_id',
  notes: 'parent_id',
  status_changes: 'parent_id',
  settings: 'parent_id',
  statuses: 'schema_id',
  types: 'schema_id',
  _schemas: 'project_schema_id',
  object_type_schemas: 'project_schema_id',
  _overrides: 'project_schema_id',
  task_workflow_schema_overrides: 'project_schema_id',
};

export function buildModel(schemas: readonly Record<string, unknown>[]): EntityModel {
  const list = schemas as Schema[];
  const ids = new Set(list.map((s) => s.id));
  const types = new Map<string, TypeInfo>();
  const tables = new Map<string, TableInfo>();
  for (const schema of list) {
    const table = groupOf(schema, ids);
    const scalars = new Map<string, ScalarInfo>();
    const refs = new Map<string, RefInfo>();
    const collections = new Map<string, CollectionInfo>();
    const computed = new Set((schema.computed as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(schema.properties)) {
      if (prop.type === 'array' || prop.type === 'mapped_array') {
        const target = (prop.items as { $ref?: string } | undefined)?.$ref;
        if (target) collections.set(name, { name, target, mapped: prop.type === 'mapped_array' });
        continue;
      }
      if (typeof prop.$ref === 'string' && prop.type === undefined) {
        const override = REF_COLUMN_OVERRIDES[`${schema.id}.${name}`];
        const fk = override ?? (`${name}_id` in schema.properties ? `${name}_id` : undefined);
        refs.set(name, { name, target: prop.$ref, column: fk ?? `_${name}_id`, ...(fk ? { fkAttribute: fk } : {}) });
        continue;
      }
      const kind = scalarKind(prop);
      if (!kind) continue;
      scalars.set(name, { name, kind, column: name, computed: computed.has(name), ...('default' in prop ? { default: prop.default } : {}) });
    }
    const alias = schema.alias_for as { classifiers?: { object_typeid?: string } } | undefined;
    const info: TypeInfo = {
      name: schema.id,
      schema,
      table,
      eventType: eventTypeOf(schema, table),
      members: [],
      wholeTable: false,
      primaryKey: (schema.primary_key as string[] | undefined) ?? ['id'],
      scalars,
      refs,
      collections,
      required: (schema.required as string[] | undefined) ?? [],
      immutable: (schema.immutable as string[] | undefined) ?? [],
      defaultProjections: (schema.default_projections as string[] | undefined) ?? ['id'],
      systemProjections: [],
      ...(alias && typeof alias === 'object' && alias.classifiers?.object_typeid ? { objectTypeId: alias.classifiers.object_typeid } : {}),
    };
    // System projections may use database aliases (`showid`): map them to API names.
    for (const projection of (schema.system_projections as string[] | undefined) ?? []) {
      if (scalars.has(projection)) info.systemProjections.push(projection);
      else {
        const match = Object.entries(schema.properties).find(([, p]) => p.alias_for === projection);
        if (match && scalars.has(match[0])) info.systemProjections.push(match[0]);
      }
    }
    types.set(schema.id, info);
    let tableInfo = tables.get(table);
    if (!tableInfo) {
      tableInfo = { name: table, columns: new Map(), primaryKey: info.primaryKey, indexed: new Set() };
      tables.set(table, tableInfo);
    }
    for (const scalar of scalars.values()) {
      if (scalar.computed && scalar.kind === 'object') continue;
      if (!tableInfo.columns.has(scalar.column)) tableInfo.columns.set(scalar.column, scalar.kind);
      if (schema.properties[scalar.name]?.format === 'foreign_key' && !info.primaryKey.includes(scalar.name)) tableInfo.indexed.add(scalar.column);
    }
    for (const ref of refs.values()) {
      if (!tableInfo.columns.has(ref.column)) tableInfo.columns.set(ref.column, 'string');
      tableInfo.indexed.add(ref.column);
    }
  }
  // Members: which concrete types a query on each type matches.
  for (const info of types.values()) {
    const sameTable = [...types.values()].filter((t) => t.table === info.table).map((t) => t.name);
    if (info.name === info.table || info.name === 'Context' || info.name === 'Component' || info.name === 'Resource') info.members = sameTable;
    else if (info.name === 'TypedContext') info.members = sameTable.filter((n) => n !== 'Project' && n !== 'Context');
    else info.members = [info.name];
    info.wholeTable = info.members.length >= sameTable.length;
  }
  // Back references of collections.
  for (const info of types.values()) {
    for (const collection of info.collections.values()) {
      const target = types.get(collection.target);
      if (!target) continue;
      const through = THROUGH[`${info.name}.${collection.name}`] ?? THROUGH[collection.name];
      const link = through ? types.get(through[0]) : undefined;
      if (through && link && tables.get(link.table)?.columns.has(through[1]) && tables.get(link.table)?.columns.has(through[2])) {
        collection.through = { linkType: link.name, table: link.table, ownerColumn: through[1], memberColumn: through[2] };
        continue;
      }
      const override = COLLECTION_OVERRIDES[collection.name];
      if (override === null) continue;
      if (override !== undefined && tables.get(target.table)?.columns.has(override)) {
        collection.backColumn = override;
        continue;
      }
      const candidates = [...target.refs.values()].filter((ref) => {
        const refTarget = types.get(ref.target);
        return refTarget !== undefined && (refTarget.members.includes(info.name) || ref.target === info.name);
      });
      const exact = candidates.filter((ref) => ref.target === info.name);
      const chosen = exact.length === 1 ? exact[0] : candidates.length === 1 ? candidates[0] : undefined;
      if (chosen) collection.backColumn = chosen.column;
    }
  }
  return { types, tables };
}
