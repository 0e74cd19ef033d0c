import type { TypeInfo } from './model.js';
import type { Row, Statements } from './projection.js';

/**
 * Server-computed attributes the stand-in can derive from its tables:
 * `link` (the breadcrumb list of `{id, name, type}` from the project down)
 * and the ids of `ancestors` / `descendants` of typed contexts.
 */

const MAX_DEPTH = 64;

interface LinkEntry {
  id: string;
  name: string;
  type: string;
}

function contextChain(db: Statements, startId: unknown): Row[] {
  const chain: Row[] = [];
  const stmt = db.prepare('SELECT "_type", "id", "name", "parent_id" FROM "Context" WHERE "id" = ?');
  let id = startId;
  const seen = new Set<unknown>();
  while (id !== null && id !== undefined && !seen.has(id) && chain.length < MAX_DEPTH) {
    seen.add(id);
    const row = stmt.get(id) as Row | undefined;
    if (!row) break;
    chain.unshift(row);
    id = row.parent_id;
  }
  return chain;
}

function contextLinks(chain: Row[]): LinkEntry[] {
  return chain.map((row) => ({ id: String(row.id), name: String(row.name ?? ''), type: row._type === 'Project' ? 'Project' : 'TypedContext' }));
}

/** The `link` attribute of an entity, or null when the stand-in cannot derive it. */
export function computeLink(db: Statements, info: TypeInfo, row: Row): LinkEntry[] | null {
  if (info.table === 'Context') return contextLinks(contextChain(db, row.id));
  if (info.name === 'Asset') {
    return [...contextLinks(contextChain(db, row.context_id)), { id: String(row.id), name: String(row.name ?? ''), type: 'Asset' }];
  }
  if (info.name === 'AssetVersion') {
    const asset = db.prepare('SELECT "id", "name", "context_id" FROM "Asset" WHERE "id" = ?').get(row.asset_id) as Row | undefined;
    const base = asset ? [...contextLinks(contextChain(db, asset.context_id)), { id: String(asset.id), name: String(asset.name ?? ''), type: 'Asset' }] : [];
    return [...base, { id: String(row.id), name: `v${String(row.version ?? '').padStart(3, '0')}`, type: 'AssetVersion' }];
  }
  return null;
}

/** Ids of the typed-context ancestors (nearest first; the project is not one). */
export function ancestorIds(db: Statements, row: Row): string[] {
  return contextChain(db, row.parent_id)
    .filter((r) => r._type !== 'Project')
    .reverse()
    .map((r) => String(r.id));
}

/** Ids of every typed context below `row` (breadth first). */
export function descendantIds(db: Statements, row: Row): string[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE below(id, depth) AS (
         SELECT "id", 1 FROM "Context" WHERE "parent_id" = ?
         UNION ALL SELECT c."id", below.depth + 1 FROM "Context" c JOIN below ON c."parent_id" = below.id WHERE below.depth < ${MAX_DEPTH}
       ) SELECT id FROM below ORDER BY depth`,
    )
    .all(row.id) as { id: string }[];
  return rows.map((r) => r.id);
}
