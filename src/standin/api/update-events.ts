import { randomUUID } from 'node:crypto';
import type { EntityChange, EntityRecord, EntityStore, HubPublisher } from '../context.js';
import type { RequestScope } from './router.js';
import { quoteQueryString } from '../../session/query-string.js';

/**
 * Turns one committed batch of store changes into one `ftrack.update` event
 * shaped like the real server's (protocol 7.5). `keys`/`changes` carry both
 * the API attribute names (`status_id`) and, where the schema gives one, the
 * database column names the real server uses (`statusid`).
 */

/** Lower-case table-ish names the real server uses for `entityType`. */
const EVENT_TYPES: Record<string, string> = {
  Project: 'show',
  TypedContext: 'task',
  Context: 'task',
  Status: 'taskstatus',
  Metadata: 'meta',
  CustomAttributeValue: 'variable_value',
};

const COMPONENT_TYPES = new Set(['Component', 'FileComponent', 'SequenceComponent', 'ContainerComponent']);
const TASK_TYPES = new Set(['Task', 'Shot', 'Sequence', 'Episode', 'Folder', 'AssetBuild', 'Milestone']);

export function eventEntityType(schemaId: string): string {
  if (EVENT_TYPES[schemaId]) return EVENT_TYPES[schemaId];
  if (COMPONENT_TYPES.has(schemaId)) return 'component';
  if (TASK_TYPES.has(schemaId)) return 'task';
  if (schemaId.endsWith('CustomAttributeValue')) return 'variable_value';
  return schemaId.toLowerCase();
}

/** What the store can tell about a changed entity beyond the change itself. */
export interface ChangeDetails {
  /** API attribute name → database column name (schema `alias_for`), e.g. `status_id` → `statusid`. */
  aliases?: Record<string, string>;
  parentId?: string | null;
  objectTypeId?: string | null;
  /** The entity and its ancestors up to the project, nearest first (typed contexts). */
  parents?: { entityId: string; entityType: string; entity_type: string; parentId: string | null }[];
}

export function changesToUpdateEvent(
  changes: EntityChange[],
  scope: RequestScope | undefined,
  describe: (change: EntityChange) => ChangeDetails = () => ({}),
): Parameters<HubPublisher['publish']>[0] {
  const user = scope?.user ?? changes.find((c) => c.user)?.user;
  const entities = changes.map((change) => {
    const details = describe(change);
    const entityType = eventEntityType(change.entityType);
    const parentChange = change.changes.parent_id ?? change.changes.context_id ?? change.changes.version_id;
    const parentId = details.parentId !== undefined ? details.parentId : ((parentChange?.new ?? parentChange?.old ?? null) as string | null);
    // Real servers name changed attributes by database column (`statusid`); both names are sent.
    const named: Record<string, { old: unknown; new: unknown }> = {};
    for (const [name, value] of Object.entries(change.changes)) {
      named[name] = value;
      const alias = details.aliases?.[name];
      if (alias && alias !== name && !(alias in change.changes)) named[alias] = value;
    }
    return {
      action: change.action,
      entityId: change.entityId,
      entityType,
      entity_type: change.entityType,
      ...(details.objectTypeId ? { objectTypeId: details.objectTypeId } : {}),
      parentId,
      keys: Object.keys(named),
      changes: named,
      parents: details.parents ?? [{ entityId: change.entityId, entityType, entity_type: change.entityType, parentId }],
    };
  });
  return {
    topic: 'ftrack.update',
    data: {
      clientToken: scope?.clientToken ?? null,
      pushToken: scope?.pushToken ?? null,
      user: user ? { userid: user.id, name: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username } : { userid: null, name: null },
      parents: [...new Set(entities.flatMap((e) => e.parents.map((p) => p.entityId)))],
      entities,
    },
    source: {
      applicationId: 'ftrack.client.web',
      id: scope?.clientToken ?? randomUUID(),
      user: user ? { username: user.username, id: user.id } : { username: null, id: null },
    },
  };
}

/**
 * What the store knows about a change: database column names of the changed
 * attributes, the parent, the object type and (typed contexts) the ancestors.
 */
export function createChangeDescriber(store: EntityStore): (change: EntityChange) => ChangeDetails {
  const aliases = new Map<string, Record<string, string>>();
  for (const schema of store.schemas) {
    const properties = (schema.properties ?? {}) as Record<string, { alias_for?: unknown }>;
    aliases.set(
      schema.id as string,
      Object.fromEntries(Object.entries(properties).filter(([, p]) => typeof p.alias_for === 'string').map(([name, p]) => [name, p.alias_for as string])),
    );
  }
  return (change) => {
    const details: ChangeDetails = { aliases: aliases.get(change.entityType) ?? {} };
    if (change.action === 'remove') return details;
    try {
      const record = store.get(change.entityType, change.entityId.split(','));
      if (!record) return details;
      if (typeof record.object_type_id === 'string') details.objectTypeId = record.object_type_id;
      if ('parent_id' in record) details.parentId = (record.parent_id as string | null) ?? null;
      if (record.context_type === 'task') {
        const [row] = store.query(`select ancestors.parent_id, project.id from TypedContext where id is ${quoteQueryString(change.entityId)}`).data;
        const chain = [record, ...((row?.ancestors as EntityRecord[] | undefined) ?? []), ...(row?.project ? [row.project as EntityRecord] : [])];
        details.parents = chain.map((entity) => ({
          entityId: String(entity.id),
          entityType: eventEntityType(entity.__entity_type__),
          entity_type: entity.__entity_type__,
          parentId: (entity.parent_id as string | null | undefined) ?? null,
        }));
      }
    } catch {
      // composite or unusual keys: the change itself is enough
    }
    return details;
  };
}
