import type { StoreQueryResult } from '../context.js';
import { QuerySyntaxError } from './errors.js';
import type { ParsedQuery } from './query/parser.js';
import { compileExpr, compileOrderPath, q, takePage, typeFilter, typeInfoOf, withPaging, type CompileState } from './query/compiler.js';
import type { SqliteStore } from './sqlite-store.js';
import { fromStorage } from './values.js';

/**
 * Aggregate queries (protocol 1.8): `select count(id), project_id from Task
 * group by project_id` → rows `{"count_id": 4, "project_id": "…"}` (no
 * `__entity_type__`: they are not entities). Aggregated and grouped
 * attributes must be scalars of the queried type.
 */
export function aggregateQuery(store: SqliteStore, parsed: ParsedQuery): StoreQueryResult {
  const model = store.model;
  const info = typeInfoOf(model, parsed.entityType, parsed.entityTypePosition);
  const scalarColumn = (path: string[], what: string): { column: string; name: string } => {
    const scalar = path.length === 1 ? info.scalars.get(path[0]!) : undefined;
    if (!scalar || (scalar.computed && scalar.kind === 'object')) {
      throw new QuerySyntaxError(`${what} "${path.join('.')}" must be a scalar attribute of ${info.name}`, parsed.entityTypePosition);
    }
    return { column: `t0.${q(scalar.column)}`, name: scalar.name };
  };
  const state: CompileState = { params: [], aliasCounter: 0 };
  const filter = typeFilter(info, 't0', state);
  const where = parsed.where ? compileExpr(model, info, 't0', parsed.where, state) : '1';
  const groups = parsed.groupBy.map((path) => scalarColumn(path, 'Grouped attribute'));
  const plain = (parsed.projections ?? []).map((path) => scalarColumn(path, 'Selected attribute'));
  for (const p of plain) {
    if (!groups.some((g) => g.name === p.name)) throw new QuerySyntaxError(`Selected attribute "${p.name}" must be in "group by" when aggregating`, parsed.entityTypePosition);
  }
  const selected = [
    ...parsed.aggregates.map((a) => `${a.fn.toUpperCase()}(${scalarColumn(a.path, `${a.fn}()`).column}) AS ${q(a.alias)}`),
    ...groups.map((g) => `${g.column} AS ${q(g.name)}`),
  ];
  const order = parsed.orderBy.map((o) => `${compileOrderPath(model, info, 't0', o.path, state)} ${o.descending ? 'DESC' : 'ASC'}`);
  let sql = `SELECT ${selected.join(', ')} FROM ${q(info.table)} t0 WHERE ${filter} AND ${where}`;
  if (groups.length > 0) sql += ` GROUP BY ${groups.map((g) => g.column).join(', ')}`;
  if (order.length > 0) sql += ` ORDER BY ${order.join(', ')}`;
  const params = [...state.params];
  sql = withPaging(sql, parsed, params);
  const rows = store.statement(sql).all(...params) as Record<string, unknown>[];
  const next = takePage(rows, parsed);
  const kinds = new Map(groups.map((g) => [g.name, info.scalars.get(g.name)!.kind]));
  const data = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = kinds.has(key) ? fromStorage(kinds.get(key)!, value) : value;
    return out;
  });
  return { data: data as StoreQueryResult['data'], next };
}
