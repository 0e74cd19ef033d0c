import type { EntityModel, ScalarKind, TypeInfo } from '../model.js';
import { QuerySyntaxError } from '../errors.js';
import { literalToStorage } from '../values.js';
import type { Expr, Literal, ParsedQuery } from './parser.js';

/**
 * Compiles parsed query criteria into SQL over the store's tables. Dotted
 * paths through references become `fk IN (SELECT id …)` subqueries and paths
 * through collections become correlated `EXISTS` subqueries, so SQLite uses
 * the primary-key and foreign-key indexes.
 */

export interface CompileState {
  params: unknown[];
  aliasCounter: number;
}

export const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Looks up an entity type or throws a QuerySyntaxError naming it. */
export function typeInfoOf(model: EntityModel, name: string, position?: number): TypeInfo {
  const info = model.types.get(name);
  if (!info) throw new QuerySyntaxError(`Unknown entity type "${name}"; see query_schemas for the valid types`, position);
  return info;
}

/** SQL that restricts rows of `info.table` (alias `alias`) to the types a query on `info` matches. */
export function typeFilter(info: TypeInfo, alias: string, state: CompileState): string {
  if (info.wholeTable) return '1';
  state.params.push(...info.members);
  return `${alias}."_type" IN (${info.members.map(() => '?').join(', ')})`;
}

function newAlias(state: CompileState): string {
  state.aliasCounter += 1;
  return `t${state.aliasCounter}`;
}

/**
 * Walks `path` from `info` at `alias`; at the last segment calls `leaf` with the
 * column SQL and kind, or `relation` when the last segment is a relation.
 */
function walk(
  model: EntityModel,
  info: TypeInfo,
  alias: string,
  path: string[],
  position: number,
  state: CompileState,
  leaf: (column: string, kind: ScalarKind) => string,
  relation?: (target: TypeInfo, subAlias: string) => string,
): string {
  const [head, ...rest] = path as [string, ...string[]];
  const scalar = info.scalars.get(head);
  if (scalar && rest.length === 0) {
    if (scalar.computed && scalar.kind === 'object') throw new QuerySyntaxError(`Attribute "${head}" of ${info.name} is computed and cannot be filtered on`, position);
    return leaf(`${alias}.${q(scalar.column)}`, scalar.kind);
  }
  const ref = info.refs.get(head);
  if (ref) {
    if (rest.length === 0 && !relation) return leaf(`${alias}.${q(ref.column)}`, 'string');
    const target = typeInfoOf(model, ref.target, position);
    const sub = newAlias(state);
    const filter = typeFilter(target, sub, state);
    const inner = rest.length === 0 ? relation!(target, sub) : walk(model, target, sub, rest, position, state, leaf, relation);
    return `${alias}.${q(ref.column)} IN (SELECT ${sub}.${q(target.primaryKey[0]!)} FROM ${q(target.table)} ${sub} WHERE ${filter} AND (${inner}))`;
  }
  const collection = info.collections.get(head);
  if (collection) {
    const target = typeInfoOf(model, collection.target, position);
    if (info.table === 'Context' && (head === 'ancestors' || head === 'descendants')) {
      if (rest.length === 0 && !relation) throw new QuerySyntaxError(`"${head}" of ${info.name} is a collection; use "${head} any (…)" or a dotted attribute`, position);
      const sub = newAlias(state);
      const cte = `${sub}_tree`;
      const step = `${sub}_c`;
      const seed = head === 'ancestors' ? `SELECT "parent_id", 1 FROM "Context" WHERE "id" = ${alias}."id"` : `SELECT "id", 1 FROM "Context" WHERE "parent_id" = ${alias}."id"`;
      const recurse =
        head === 'ancestors'
          ? `SELECT ${step}."parent_id", ${cte}.depth + 1 FROM "Context" ${step} JOIN ${cte} ON ${step}."id" = ${cte}.id WHERE ${cte}.depth < 64`
          : `SELECT ${step}."id", ${cte}.depth + 1 FROM "Context" ${step} JOIN ${cte} ON ${step}."parent_id" = ${cte}.id WHERE ${cte}.depth < 64`;
      const filter = typeFilter(target, sub, state);
      const inner = rest.length === 0 ? relation!(target, sub) : walk(model, target, sub, rest, position, state, leaf, relation);
      return `EXISTS (WITH RECURSIVE ${cte}(id, depth) AS (${seed} UNION ALL ${recurse}) SELECT 1 FROM "Context" ${sub} WHERE ${sub}."id" IN (SELECT id FROM ${cte}) AND ${filter} AND (${inner}))`;
    }
    if (collection.through) {
      if (rest.length === 0 && !relation) throw new QuerySyntaxError(`"${head}" of ${info.name} is a collection; use "${head} any (…)" or a dotted attribute`, position);
      const sub = newAlias(state);
      const link = `${sub}_l`;
      const filter = typeFilter(target, sub, state);
      const inner = rest.length === 0 ? relation!(target, sub) : walk(model, target, sub, rest, position, state, leaf, relation);
      const { table, ownerColumn, memberColumn } = collection.through;
      return `EXISTS (SELECT 1 FROM ${q(table)} ${link} JOIN ${q(target.table)} ${sub} ON ${sub}.${q(target.primaryKey[0]!)} = ${link}.${q(memberColumn)} WHERE ${link}.${q(ownerColumn)} = ${alias}.${q(info.primaryKey[0]!)} AND ${filter} AND (${inner}))`;
    }
    if (!collection.backColumn) {
      throw new QuerySyntaxError(`Filtering on the collection "${head}" of ${info.name} is not supported by the stand-in server`, position);
    }
    if (rest.length === 0 && !relation) throw new QuerySyntaxError(`"${head}" of ${info.name} is a collection; use "${head} any (…)" or a dotted attribute`, position);
    const sub = newAlias(state);
    const filter = typeFilter(target, sub, state);
    const inner = rest.length === 0 ? relation!(target, sub) : walk(model, target, sub, rest, position, state, leaf, relation);
    return `EXISTS (SELECT 1 FROM ${q(target.table)} ${sub} WHERE ${sub}.${q(collection.backColumn)} = ${alias}.${q(info.primaryKey[0]!)} AND ${filter} AND (${inner}))`;
  }
  if (scalar) throw new QuerySyntaxError(`"${head}" of ${info.name} is not a relation, so "${path.join('.')}" is invalid`, position);
  throw new QuerySyntaxError(`${info.name} has no attribute "${head}"`, position);
}

function comparison(column: string, kind: ScalarKind, op: Exclude<Expr & { kind: 'cmp' }, never>['op'], value: Literal | Literal[], state: CompileState): string {
  if (Array.isArray(value)) {
    const values = value.map((v) => literalToStorage(kind, v.text, v.quoted));
    if (values.length === 0) return op === 'in' ? '0' : '1';
    state.params.push(...values);
    const list = values.map(() => '?').join(', ');
    return op === 'in' ? `${column} IN (${list})` : `(${column} IS NULL OR ${column} NOT IN (${list}))`;
  }
  const stored = literalToStorage(kind, value.text, value.quoted);
  if (stored === null) {
    if (op === '=') return `${column} IS NULL`;
    if (op === '!=') return `${column} IS NOT NULL`;
    throw new QuerySyntaxError(`Operator ${op} cannot compare with None/null`);
  }
  state.params.push(stored);
  switch (op) {
    case '=':
      return `${column} = ?`;
    case '!=':
      return `${column} IS NOT ?`;
    case 'like':
      return `${column} LIKE ?`;
    case 'not_like':
      return `(${column} IS NULL OR ${column} NOT LIKE ?)`;
    case 'in':
    case 'not_in':
      return op === 'in' ? `${column} = ?` : `${column} IS NOT ?`;
    default:
      return `${column} ${op} ?`;
  }
}

/** Compiles criteria on `info` at `alias` into SQL, pushing parameters to `state`. */
export function compileExpr(model: EntityModel, info: TypeInfo, alias: string, expr: Expr, state: CompileState): string {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return `(${compileExpr(model, info, alias, expr.left, state)} ${expr.kind.toUpperCase()} ${compileExpr(model, info, alias, expr.right, state)})`;
    case 'not':
      return `(NOT ${compileExpr(model, info, alias, expr.expr, state)})`;
    case 'quant':
      return walk(model, info, alias, expr.path, expr.position, state, () => {
        throw new QuerySyntaxError(`"${expr.path.join('.')}" is not a relation; "${expr.quantifier}" needs one`, expr.position);
      }, (target, sub) => (expr.expr ? compileExpr(model, target, sub, expr.expr, state) : '1'));
    case 'cmp': {
      const value = expr.value;
      if (!Array.isArray(value) && 'entityType' in value) {
        return walk(model, info, alias, expr.path, expr.position, state, (column) => {
          const sub = compileSubquery(model, value, state);
          return expr.op === 'not_in' ? `${column} NOT IN (${sub})` : `${column} IN (${sub})`;
        });
      }
      if (!Array.isArray(value) && (expr.op === 'in' || expr.op === 'not_in')) {
        throw new QuerySyntaxError(`Operator ${expr.op} needs a parenthesised list`, expr.position);
      }
      return walk(model, info, alias, expr.path, expr.position, state, (column, kind) => comparison(column, kind, expr.op, value as Literal | Literal[], state));
    }
  }
}

/** `select <one attribute> from T where …` used inside `in (…)`. */
function compileSubquery(model: EntityModel, query: ParsedQuery, state: CompileState): string {
  const info = typeInfoOf(model, query.entityType, query.entityTypePosition);
  const projection = query.projections?.[0] ?? info.primaryKey.slice(0, 1);
  if (!query.projections || query.projections.length !== 1 || projection.length !== 1) {
    throw new QuerySyntaxError('A subquery must select exactly one attribute, e.g. "id in (select task_id from Timelog where …)"', query.entityTypePosition);
  }
  const alias = newAlias(state);
  const attr = projection[0]!;
  const column = info.scalars.get(attr)?.column ?? info.refs.get(attr)?.column;
  if (!column) throw new QuerySyntaxError(`${info.name} has no attribute "${attr}"`, query.entityTypePosition);
  const filter = typeFilter(info, alias, state);
  const where = query.where ? compileExpr(model, info, alias, query.where, state) : '1';
  return `SELECT ${alias}.${q(column)} FROM ${q(info.table)} ${alias} WHERE ${filter} AND ${where}`;
}

/** SQL of an `order by` path: a column, or a correlated subquery through references. */
export function compileOrderPath(model: EntityModel, info: TypeInfo, alias: string, path: string[], state: CompileState): string {
  const [head, ...rest] = path as [string, ...string[]];
  const scalar = info.scalars.get(head);
  if (scalar && rest.length === 0) return `${alias}.${q(scalar.column)}`;
  const ref = info.refs.get(head);
  if (ref && rest.length > 0) {
    const target = typeInfoOf(model, ref.target);
    const sub = newAlias(state);
    return `(SELECT ${compileOrderPath(model, target, sub, rest, state)} FROM ${q(target.table)} ${sub} WHERE ${sub}.${q(target.primaryKey[0]!)} = ${alias}.${q(ref.column)})`;
  }
  throw new QuerySyntaxError(`Cannot order ${info.name} by "${path.join('.')}": use a scalar attribute or a path through references`);
}

/**
 * Appends the paging of a query to `sql`, pushing its parameters: one row
 * more than the limit (so {@link takePage} knows whether a next page exists),
 * and an offset without a limit as `LIMIT -1` (SQLite takes OFFSET only after
 * a LIMIT).
 */
export function withPaging(sql: string, parsed: ParsedQuery, params: unknown[]): string {
  const offset = parsed.offset ?? 0;
  if (parsed.limit !== undefined) {
    params.push(parsed.limit + 1, offset);
    return `${sql} LIMIT ? OFFSET ?`;
  }
  if (offset === 0) return sql;
  params.push(offset);
  return `${sql} LIMIT -1 OFFSET ?`;
}

/**
 * Cuts the extra row {@link withPaging} asked for and returns the offset of
 * the next page, or null when there is none. `limit 0` never has a next page:
 * a client paging on it would get the same offset forever.
 */
export function takePage(rows: unknown[], parsed: ParsedQuery): number | null {
  const limit = parsed.limit;
  if (limit === undefined || rows.length <= limit) return null;
  rows.length = limit;
  return limit > 0 ? (parsed.offset ?? 0) + limit : null;
}
