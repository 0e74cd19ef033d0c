import { INTERNALS, type Entity } from './entity.js';
import { SessionInputError } from './errors.js';
import { formatQueryValue, keyCriteria } from './expression.js';
import type { Session } from './session.js';

/**
 * `session.ensure`: the entity matching `data` on `identifyingKeys`, updated
 * with the other values, or a new one. ftrack_api equiv: session.py Session.ensure.
 */
export async function ensureEntity(
  session: Session,
  entityType: string,
  data: Record<string, unknown>,
  identifyingKeys: readonly string[],
): Promise<Entity> {
  if (identifyingKeys.length === 0) throw new SessionInputError('ensure() needs at least one identifying key');
  const criteria = keyCriteria(identifyingKeys, identifyingKeys.map((k) => data[k]));
  const found = await session.query(`${entityType} where ${criteria}`).first();
  if (!found) {
    const entity = session.create(entityType, data);
    await session.commit();
    return entity;
  }
  for (const [name, value] of Object.entries(data)) {
    if (identifyingKeys.includes(name)) continue;
    const current = await found.get(name);
    const same = current instanceof Date && value instanceof Date ? current.getTime() === value.getTime() : current === value;
    if (!same) found.set(name, value);
  }
  await session.commit();
  return found;
}

/**
 * `session.populate`: fetches `projections` for many entities with one query
 * per type (`id in (…)`, or an OR of key conditions for composite keys).
 * Entities not yet committed are skipped. Results merge into the same objects.
 */
export async function populateEntities(session: Session, entities: Entity | readonly Entity[], projections: string): Promise<void> {
  const list = (Array.isArray(entities) ? entities : [entities]) as Entity[];
  const byType = new Map<string, Entity[]>();
  for (const entity of list) {
    if (entity[INTERNALS].state === 'created') continue;
    const group = byType.get(entity.entityType);
    if (group) group.push(entity);
    else byType.set(entity.entityType, [entity]);
  }
  await Promise.all(
    [...byType].map(([type, group]) => {
      const pk = group[0]![INTERNALS].schema.primary_key;
      const criteria =
        pk.length === 1
          ? `${pk[0]} in (${group.map((e) => formatQueryValue(e.primaryKey[pk[0]!])).join(', ')})`
          : group.map((e) => `(${keyCriteria(pk, Object.values(e.primaryKey))})`).join(' or ');
      return session.query(`select ${projections} from ${type} where ${criteria}`).all();
    }),
  );
}
